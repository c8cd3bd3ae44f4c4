/*
 * sequence.c - a stateful sequence on one fresh ring; see sequence.h.
 *
 * Arguments follow docs/stateful.md, "Steps": every array has USPEC_ENTRY_ARRAY_LEN slots, the
 * step's entries first, then empty ones (iovec { NULL, 0 }, fd -1, tag 0); a struct's data
 * pointer is NULL when the step has no entries, its tags pointer NULL unless the step sets tags.
 * Selectors: iovec 0 NULL, 1 + i canonical buffer i, 0xffffffff the unmapped page; fd FD_SELF
 * this ring, FD_OTHER_RING a second ring (set up with no flags the first time a step names it),
 * anything else as is.
 *
 * CQEs: removing a tagged buffer or file posts a CQE whose user_data is the tag. Before each
 * submission the CQ is emptied (overflowed CQEs flushed first), so the only CQE a submission
 * waits for is its own, matched by user_data.
 */
#include "sequence.h"

#include "bufmem.h"
#include "io_uring_abi.h"
#include "ring.h"
#include "scratch.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SEQ_SQ_ENTRIES 8u
#define SEQ_OPCODE_READ_FIXED 4u

struct seq_iovec { /* struct iovec, spelled out: the kernel reads { u64 base, u64 len } on x86-64 */
	uint64_t base;
	uint64_t len;
};

/* The argument memory of one step: rebuilt from scratch for every register step. */
static struct seq_iovec iovs[USPEC_ENTRY_ARRAY_LEN];
static int32_t fds[USPEC_ENTRY_ARRAY_LEN];
static uint64_t tags[USPEC_ENTRY_ARRAY_LEN];

struct seq_rings {
	struct ku_ring ring;
	int other; /* the second ring's fd, or -1 until a step names it */
};

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static uint64_t iov_base(uint32_t v)
{
	if (v == USPEC_IOV_NULL)
		return 0;
	if (v == USPEC_IOV_BAD)
		return USPEC_IOV_BAD_ADDR;
	if (v <= USPEC_SEQUENCE_BUFFERS)
		return USPEC_BUF_BASE + (uint64_t)(v - 1) * USPEC_BUF_STRIDE;
	return v; /* not a selector: the number itself */
}

static int32_t fd_of(struct seq_rings *s, uint32_t v)
{
	if ((int32_t)v == USPEC_FD_SELF)
		return s->ring.fd;
	if ((int32_t)v == USPEC_FD_OTHER_RING) {
		if (s->other < 0) {
			struct ku_io_uring_params p;
			memset(&p, 0, sizeof(p));
			s->other = ku_sys_setup(4, &p);
		}
		return s->other; /* -errno if it could not be set up: a descriptor nobody has */
	}
	return (int32_t)v;
}

/* The buffer opcodes' arrays hold iovecs, every other opcode's fds (docs/stateful.md). */
static int is_buffer_opcode(uint32_t op)
{
	return op == 0 /* REGISTER_BUFFERS */ || op == 15 /* REGISTER_BUFFERS2 */ || op == 16 /* BUFFERS_UPDATE */;
}

/* Fills the step's array (iovecs or fds) and tags: entries first, then empty slots. */
static void build_arrays(struct seq_rings *s, const struct uspec_step *st, int iovecs)
{
	uint32_t n = st->nr_entries < USPEC_MAX_STEP_ENTRIES ? st->nr_entries : USPEC_MAX_STEP_ENTRIES;

	memset(tags, 0, sizeof(tags));
	if (iovecs)
		memset(iovs, 0, sizeof(iovs));
	else
		for (uint32_t i = 0; i < USPEC_ENTRY_ARRAY_LEN; i++)
			fds[i] = -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct uspec_step_entry *e = &st->entries[i];
		if (iovecs) {
			iovs[i].base = iov_base(e->value);
			iovs[i].len = e->len;
		} else {
			fds[i] = fd_of(s, e->value);
		}
		tags[i] = e->tag;
	}
}

static int32_t run_register(struct seq_rings *s, const struct uspec_step *st)
{
	struct ku_io_uring_rsrc_register rr;
	struct ku_io_uring_rsrc_update up;
	struct ku_io_uring_rsrc_update2 up2;
	uint64_t array, tag_ptr;
	const void *arg = NULL;

	int iovecs = is_buffer_opcode(st->opcode);

	build_arrays(s, st, iovecs);
	array = st->nr_entries ? (uint64_t)(uintptr_t)(iovecs ? (void *)iovs : (void *)fds) : 0;
	tag_ptr = st->tags ? (uint64_t)(uintptr_t)tags : 0;
	switch (st->arg) {
	case USPEC_ARG_NONE:
		break;
	case USPEC_ARG_IOVECS:
	case USPEC_ARG_FDS: /* the array itself, of the opcode's element type */
		arg = iovecs ? (void *)iovs : (void *)fds;
		break;
	case USPEC_ARG_RSRC_REGISTER:
		memset(&rr, 0, sizeof(rr));
		rr.nr = st->nr;
		rr.flags = st->flags;
		rr.resv2 = st->resv2;
		rr.data = array;
		rr.tags = tag_ptr;
		arg = &rr;
		break;
	case USPEC_ARG_RSRC_UPDATE:
		memset(&up, 0, sizeof(up));
		up.offset = st->offset;
		up.resv = st->resv;
		up.data = array;
		arg = &up;
		break;
	case USPEC_ARG_RSRC_UPDATE2:
		memset(&up2, 0, sizeof(up2));
		up2.offset = st->offset;
		up2.resv = st->resv;
		up2.data = array;
		up2.tags = tag_ptr;
		up2.nr = st->nr;
		up2.resv2 = (uint32_t)st->resv2;
		arg = &up2;
		break;
	default:
		return -EINVAL; /* the kit accepts only the kinds above */
	}
	return ku_sys_register(s->ring.fd, st->opcode, arg, st->nr_args);
}

/* Empties the CQ, overflowed CQEs included: what is left there are tag CQEs of earlier steps. */
static void drain_cq(struct ku_ring *r)
{
	struct ku_cqe c;

	for (int round = 0; round < 64; round++) {
		while (ku_ring_reap(r, &c))
			;
		if (!(__atomic_load_n(r->sq_flags, __ATOMIC_ACQUIRE) & KU_IORING_SQ_CQ_OVERFLOW))
			return;
		ku_ring_flush(r);
	}
}

static void run_submit(struct ku_ring *r, const struct uspec_step *st, int64_t wait_ns, struct uspec_outcome *o)
{
	uint64_t ud = st->sqe.user_data;
	uint32_t dropped = ku_ring_sq_dropped(r);
	int64_t deadline = now_ns() + wait_ns;
	struct ku_cqe c;
	int rc;

	drain_cq(r);
	ku_ring_push(r, st->raw_sqe);
	rc = ku_ring_enter(r, 1, 1, wait_ns);
	for (;;) {
		while (ku_ring_reap(r, &c)) {
			if (c.user_data != ud)
				continue; /* a tag CQE of a resource this submission released */
			o->res = c.res;
			if (st->sqe.opcode == SEQ_OPCODE_READ_FIXED && c.res > 0)
				ku_bufmem_zero_range(st->sqe.addr, (uint64_t)c.res);
			return;
		}
		if (ku_ring_sq_dropped(r) != dropped || (rc < 0 && rc != -EINTR && rc != -ETIME && rc != -EAGAIN)) {
			o->res = rc < 0 ? rc : 0;
			o->flags |= USPEC_OUT_NOT_CONSUMED;
			return;
		}
		int64_t left = deadline - now_ns();
		if (left <= 0)
			break;
		rc = ku_ring_enter(r, 0, 1, left);
	}
	o->flags |= ku_ring_sq_pending(r) ? USPEC_OUT_NOT_CONSUMED : USPEC_OUT_TIMEOUT;
}

void ku_run_sequence(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out,
		     uint32_t n, int64_t wait_ns)
{
	struct seq_rings s;
	int err;

	memset(out, 0, sizeof(*out) * n);
	ku_scratch_restore(KU_SCRATCH_SIZE_BACK | KU_SCRATCH_POS_BACK);
	err = ku_bufmem_ensure(USPEC_SEQUENCE_BUFFERS, (uint32_t)USPEC_BUF_STRIDE);
	if (!err)
		err = ku_ring_open(&s.ring, ring->sq_entries ? ring->sq_entries : SEQ_SQ_ENTRIES, ring->setup_flags);
	if (err) {
		for (uint32_t i = 0; i < n; i++) {
			out[i].res = err;
			out[i].flags = USPEC_OUT_CTX_FAILED;
		}
		return;
	}
	s.other = -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct uspec_step *st = &steps[i];
		switch (st->kind) {
		case USPEC_STEP_REGISTER:
			out[i].res = run_register(&s, st);
			break;
		case USPEC_STEP_SUBMIT:
			run_submit(&s.ring, st, wait_ns, &out[i]);
			break;
		default: /* USPEC_STEP_BPF_OP: no BPF program here, so no op can be registered */
			out[i].res = -EOPNOTSUPP;
			break;
		}
	}
	if (s.other >= 0)
		close(s.other);
	ku_ring_close(&s.ring);
	ku_scratch_restore(KU_SCRATCH_SIZE_BACK | KU_SCRATCH_POS_BACK);
}
