/*
 * aftercare.c - what a case's op may change, and putting it back; see aftercare.h.
 */
#include "aftercare.h"

#include "bpfops.h"
#include "bufmem.h"
#include "ctxcache.h"
#include "fdsweep.h"
#include "io_uring_abi.h"
#include "scratch.h"

#include <stdint.h>

enum ku_reach ku_reach_of(unsigned op, int last_op)
{
	if (op == KU_IORING_OP_NOP || (last_op >= 0 && op > (unsigned)last_op))
		return KU_REACH_NOTHING;
	/* IORING_OP_BPF (the series) does what its registered program does, and the only programs
	 * here are the adapter's own (bpfops.c), which touch no memory, file or descriptor (issue_fn
	 * only sets the request's result); without one, prep only reads. */
	if (op == KU_IORING_OP_BPF)
		return KU_REACH_NOTHING;
	switch (op) {
	case KU_IORING_OP_READ_FIXED:
	case KU_IORING_OP_READ:
		return KU_REACH_READ;
	case KU_IORING_OP_WRITEV:
	case KU_IORING_OP_WRITE_FIXED:
	case KU_IORING_OP_FALLOCATE:
	case KU_IORING_OP_WRITE:
	case KU_IORING_OP_FTRUNCATE:
	case KU_IORING_OP_WRITEV_FIXED:
		return KU_REACH_WRITE;
	case KU_IORING_OP_FSYNC:
	case KU_IORING_OP_SYNC_FILE_RANGE:
	case KU_IORING_OP_FADVISE:
		return KU_REACH_FILE;
	default:
		/* Ops that can create descriptors (OPENAT, SOCKET, PIPE, ACCEPT), change ring state
		 * (PROVIDE_BUFFERS, FILES_UPDATE, MSG_RING into a cached ring), close the scratch
		 * file (CLOSE), stay armed, or write memory wherever their arguments point (READV's
		 * iovecs, STATX, RECVMSG): rare in runs, so they simply get a clean slate. */
		return KU_REACH_ANY;
	}
}

/* Whether the case's file is the scratch file. Only descriptor 100 reaches it: cases cannot make
 * another (KU_REACH_ANY ops that could are swept), and the adapter registers no fixed files. */
static int on_scratch(const struct uspec_case *c)
{
	return c->sqe.fd == USPEC_SCRATCH_FD && !(c->sqe.flags & KU_IOSQE_FIXED_FILE);
}

/* Ops that cancel or remove other requests by user_data, op or "any". */
static int targets_others(unsigned op)
{
	switch (op) {
	case 7:  /* IORING_OP_POLL_REMOVE */
	case 12: /* IORING_OP_TIMEOUT_REMOVE */
	case KU_IORING_OP_ASYNC_CANCEL:
	case 15: /* IORING_OP_LINK_TIMEOUT */
		return 1;
	default:
		return 0;
	}
}

unsigned ku_hints_of(const struct uspec_case *c, enum ku_reach reach)
{
	unsigned hints = 0;

	/* A link head that fails is failed through the chain machinery, and with io-wq limited to
	 * one worker per queue (ctxcache.c) its CQE was seen on 6.18 arriving ~100 ms after an
	 * inline fence (NOP|IORING_NOP_FILE, fd -1, IO_LINK|CQE_SKIP_SUCCESS): fence it like a
	 * punted request, through both io-wq queues. */
	if ((c->sqe.flags & (KU_IOSQE_ASYNC | KU_IOSQE_IO_LINK | KU_IOSQE_IO_HARDLINK)) || reach != KU_REACH_NOTHING)
		hints |= KU_HINT_MAYBE_ASYNC;
	/* File I/O on the scratch file (a regular file) never waits for readiness; on any other
	 * descriptor it might (a pipe, a socket), and any other op might wait for anything. */
	if (reach == KU_REACH_ANY || (reach != KU_REACH_NOTHING && !on_scratch(c)))
		hints |= KU_HINT_MAY_PARK;
	if (targets_others(c->sqe.opcode))
		hints |= KU_HINT_TARGETS_OTHERS;
	return hints;
}

/* Past this many bytes a read's landing zone is cleared by dropping pages, not writing zeros. */
#define KU_WIPE_MAX (1u << 20)

/* Buffer memory back to zero where a read may have landed: res bytes at addr, or up to len
 * bytes when res is unknown (a skipped success, a timeout). Dropping pages needs every ring
 * closed first (they pin the pages, which would then no longer be the ones the adapter sees). */
static void wipe_read(const struct uspec_case *c, const struct ku_result *r)
{
	uint64_t n = 0;

	if (r->flags == 0 && r->res > 0)
		n = (uint64_t)r->res;
	else if (r->flags & (USPEC_OUT_NO_CQE | USPEC_OUT_TIMEOUT))
		n = c->sqe.len;
	if (n == 0)
		return;
	if (n <= KU_WIPE_MAX) {
		ku_bufmem_zero_range(c->sqe.addr, n);
	} else {
		ku_ctx_close_all();
		ku_bufmem_zero_all();
	}
}

void ku_restore_after(const struct uspec_case *c, enum ku_reach reach, const struct ku_result *r)
{
	int scratch = on_scratch(c);
	unsigned what = 0;

	switch (reach) {
	case KU_REACH_ANY:
		ku_ctx_close_all(); /* first: rings pin buffer pages, and hold descriptors */
		ku_bpf_release_all(); /* V1's global ops and the map's BTF are descriptors too */
		ku_bufmem_zero_all();
		ku_fdsweep_run();
		ku_scratch_restore(KU_SCRATCH_ALL);
		return;
	case KU_REACH_WRITE:
		if (scratch)
			what |= KU_SCRATCH_SIZE_BACK;
		/* fall through */
	case KU_REACH_READ:
		/* off = -1 means "at the file position, and advance it"; explicit offsets leave it. */
		if (scratch && c->sqe.off == UINT64_MAX)
			what |= KU_SCRATCH_POS_BACK;
		if (reach == KU_REACH_READ)
			wipe_read(c, r); /* writes only read memory */
		break;
	default:
		break;
	}
	if (what)
		ku_scratch_restore(what);
}
