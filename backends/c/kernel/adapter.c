/*
 * adapter.c - the live-kernel backend ("kernel"): each case's SQE goes to a real io_uring ring
 * realised for its context, and the completion's res comes back. See README.md beside it.
 *
 * Per case: the ring of its context (ctxcache.c), the SQE submitted alone and its CQE reaped
 * (submit.c), then whatever the case may have changed is put back (aftercare.c) so the next
 * case starts from the same state. Configuration, all optional:
 *   URING_SPEC_KERNEL_WAIT_MS    bound on waiting for a completion (default 1000)
 *   URING_SPEC_KERNEL_SETTLE_MS  wait before probing whether a CQE_SKIP_SUCCESS case with no CQE
 *                                is parked (poll, timer...) rather than done (default 5)
 *   URING_SPEC_KERNEL_MAX_PIN_MB nr_bufs * buf_size above which a context is refused with
 *                                -ENOMEM rather than pinned (default 1024)
 */
#include "aftercare.h"
#include "bufmem.h"
#include "ctxcache.h"
#include "fdsweep.h"
#include "io_uring_abi.h"
#include "probe.h"
#include "scratch.h"
#include "submit.h"
#include "uring_spec_kit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ku_probe probe;
static struct ku_submit_opts opts;

static long env_long(const char *name, long dflt, long min, long max)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return dflt;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max) {
		fprintf(stderr, "kernel-adapter: ignoring %s=%s (want an integer in %ld..%ld)\n", name, s, min, max);
		return dflt;
	}
	return v;
}

/* Set when a case timed out: io-wq may still be busy with its work (see ku_submit_quiesce). */
static int iowq_busy;

static void run_case(const struct uspec_case *c, struct uspec_outcome *o)
{
	struct ku_result r;
	struct ku_ring *ring;
	enum ku_reach reach = ku_reach_of(c->sqe.opcode, probe.probe_err ? -1 : (int)probe.last_op);
	unsigned hints = ku_hints_of(c, reach);
	int err;

	ring = ku_ctx_acquire(&c->ctx, (c->sqe.flags & KU_IOSQE_IO_DRAIN) != 0, &err);
	if (!ring) {
		o->res = err;
		o->flags = USPEC_OUT_CTX_FAILED;
		return;
	}
	if (iowq_busy) {
		ku_submit_quiesce(ring, c->sqe.user_data, opts.wait_ns);
		iowq_busy = 0;
	}
	ku_submit_case(ring, c->raw_sqe, c->sqe.user_data, hints, &opts, &r);
	o->res = r.res;
	o->flags = r.flags;
	if (r.flags & USPEC_OUT_TIMEOUT)
		iowq_busy = 1;
	if (r.strays)
		fprintf(stderr, "kernel-adapter: %u stray CQE(s) around user_data 0x%llx (opcode %u); ring rebuilt\n",
			r.strays, (unsigned long long)c->sqe.user_data, c->sqe.opcode);
	/* IOSQE_IO_DRAIN leaves the ring draining, and the next SQE then takes the slow path
	 * (observed on 6.18: a failing NOP|CQE_SKIP_SUCCESS right after an IO_DRAIN SQE posted its
	 * CQE after an inline fence - always after a failed IO_DRAIN SQE, in 1-7% of tries after a
	 * successful one). A helper NOP takes that path instead. */
	if (!r.discard && (c->sqe.flags & KU_IOSQE_IO_DRAIN) &&
	    ku_submit_undrain(ring, c->sqe.user_data, opts.wait_ns) != 0)
		r.discard = 1;
	if (r.discard)
		ku_ctx_discard(&c->ctx);
	else if (c->sqe.flags & KU_IOSQE_CQE_SKIP_SUCCESS)
		ku_ctx_note_skip(&c->ctx);
	ku_restore_after(c, reach, &r);
}

static void fini(void)
{
	ku_ctx_close_all();
}

static int init(struct uspec_adapter *self, int argc, char **argv)
{
	long scratch_size = KU_SCRATCH_SIZE;
	int err;

	(void)argc;
	(void)argv;
	opts.wait_ns = env_long("URING_SPEC_KERNEL_WAIT_MS", 1000, 1, 3600 * 1000L) * 1000000LL;
	opts.settle_ns = env_long("URING_SPEC_KERNEL_SETTLE_MS", 5, 0, 60 * 1000L) * 1000000LL;
	ku_bufmem_set_max_pin((uint64_t)env_long("URING_SPEC_KERNEL_MAX_PIN_MB", KU_BUFMEM_DEFAULT_MAX_PIN_MB, 0,
						 1L << 30) << 20);

	err = ku_bufmem_init();
	if (err) /* contexts with buffers will fail on their own; say why once */
		fprintf(stderr, "kernel-adapter: cannot map the buffer region at 0x%llx (%s)\n",
			(unsigned long long)USPEC_BUF_BASE, strerror(-err));
	ku_probe_run(&probe);
	err = ku_scratch_create();
	if (err) {
		/* Cases still run; the harness sees no "scratch" member and keeps file ops away. */
		fprintf(stderr, "kernel-adapter: no scratch file (%s)\n", strerror(-err));
		scratch_size = 0;
	}
	/* Rings are closed when the process ends however it ends, but fini may not run on an
	 * I/O error: atexit makes SQPOLL threads go with the adapter in every case. */
	atexit(fini);
	if (ku_fdsweep_baseline())
		fprintf(stderr, "kernel-adapter: /proc/self/fd unreadable; descriptors cases open are not swept\n");

	self->specs_json = ku_probe_specs_json(&probe);
	self->extra_hello = ku_probe_extra_json(&probe, USPEC_SCRATCH_FD, scratch_size);
	return self->specs_json && self->extra_hello ? 0 : -1;
}

static struct uspec_adapter adapter = {
	.name = "kernel",
	.specs_json = "[]",
	.data = 0, /* a mainline kernel does not expose uring_bpf_data */
	.init = init,
	.run_case = run_case,
	.fini = fini,
};

int main(int argc, char **argv)
{
	return uspec_main(&adapter, argc, argv);
}
