/*
 * adapter.c - the live-kernel backend ("kernel"): each case's SQE goes to a real io_uring ring
 * realised for its context, and the completion's res comes back. See README.md beside it.
 *
 * Per request: the cases grouped by ring context, runs of independent cases submitted together
 * (batch.c), every other case alone with its fences (caserun.c, submit.c), and whatever a case
 * may have changed put back (aftercare.c) so the next case starts from the same state. Outcomes
 * go back in case order. A sequence request (protocol version 2) runs on a fresh ring of its own
 * (sequence.c). Configuration, all optional:
 *   URING_SPEC_KERNEL_WAIT_MS    bound on waiting for a completion (default 1000)
 *   URING_SPEC_KERNEL_SETTLE_MS  wait before probing whether a CQE_SKIP_SUCCESS case with no CQE
 *                                is parked (poll, timer...) rather than done (default 5)
 *   URING_SPEC_KERNEL_MAX_PIN_MB nr_bufs * buf_size above which a context is refused with
 *                                -ENOMEM rather than pinned (default 1024)
 *   URING_SPEC_KERNEL_ONE_AT_A_TIME 1: every case alone in its own io_uring_enter calls, in case
 *                                order (the reference the batched path is tested against)
 *   URING_SPEC_KERNEL_STATS      1: at the end, a line on stderr counting batched and lone cases
 */
#include "batch.h"
#include "bpfops.h"
#include "bufmem.h"
#include "ctxcache.h"
#include "fdsweep.h"
#include "io_uring_abi.h"
#include "probe.h"
#include "scratch.h"
#include "sequence.h"
#include "uring_spec_kit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ku_probe probe;
static struct ku_runner runner;
static int one_at_a_time;
static int print_stats;

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

static void run_batch(const struct uspec_case *cases, struct uspec_outcome *out, uint32_t n)
{
	ku_run_batch(&runner, cases, out, n, one_at_a_time);
}

/* Stateful specs (exec protocol version 2): a fresh ring per sequence, see sequence.c. */
static void run_sequence(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out, uint32_t n)
{
	ku_run_sequence(ring, steps, out, n, runner.opts.wait_ns);
}

static void fini(void)
{
	if (print_stats) {
		fprintf(stderr,
			"kernel-adapter: stats: %lu cases one at a time, %lu batched in %lu batched submissions, "
			"%lu of them redone one at a time, %lu rings set up\n",
			runner.serial_cases, runner.batched_cases, runner.batched_enters, runner.fallbacks, ku_ctx_setups());
		print_stats = 0; /* atexit calls fini again */
	}
	ku_ctx_close_all();
	ku_bpf_release_all();
}

static int init(struct uspec_adapter *self, int argc, char **argv)
{
	long scratch_size = KU_SCRATCH_SIZE;
	int err;

	(void)argc;
	(void)argv;
	runner.opts.wait_ns = env_long("URING_SPEC_KERNEL_WAIT_MS", 1000, 1, 3600 * 1000L) * 1000000LL;
	runner.opts.settle_ns = env_long("URING_SPEC_KERNEL_SETTLE_MS", 5, 0, 60 * 1000L) * 1000000LL;
	one_at_a_time = (int)env_long("URING_SPEC_KERNEL_ONE_AT_A_TIME", 0, 0, 1);
	print_stats = (int)env_long("URING_SPEC_KERNEL_STATS", 0, 0, 1);
	ku_bufmem_set_max_pin((uint64_t)env_long("URING_SPEC_KERNEL_MAX_PIN_MB", KU_BUFMEM_DEFAULT_MAX_PIN_MB, 0,
						 1L << 30) << 20);

	err = ku_bufmem_init();
	if (err) /* contexts with buffers will fail on their own; say why once */
		fprintf(stderr, "kernel-adapter: cannot map the buffer region at 0x%llx (%s)\n",
			(unsigned long long)USPEC_BUF_BASE, strerror(-err));
	ku_probe_run(&probe);
	runner.last_op = probe.probe_err ? -1 : (int)probe.last_op;
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
	.run_batch = run_batch,
	.run_sequence = run_sequence,
	.fini = fini,
};

int main(int argc, char **argv)
{
	return uspec_main(&adapter, argc, argv);
}
