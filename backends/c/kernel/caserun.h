/*
 * caserun.h - one case on the live kernel, start to finish, in its own io_uring_enter calls: the
 * ring of its context and lane (ctxcache.c), the SQE alone with its fences (submit.c), the drain
 * ended, the ring discarded when in doubt, and what the op changed put back (aftercare.c). This
 * is the path every case took before batching, and still the path of every case that batch.c
 * does not prove independent.
 */
#ifndef URING_SPEC_KERNEL_CASERUN_H
#define URING_SPEC_KERNEL_CASERUN_H

#include "submit.h"
#include "uring_spec_kit.h"

struct ku_runner {
	int last_op; /* the probe's last_op, or -1 when the probe failed */
	struct ku_submit_opts opts;
	int iowq_busy; /* a case timed out: io-wq may still be busy with its work */
	/* counters for URING_SPEC_KERNEL_STATS */
	unsigned long serial_cases, batched_cases, batched_enters, fallbacks;
};

void ku_run_one(struct ku_runner *k, const struct uspec_case *c, struct uspec_outcome *o);

#endif
