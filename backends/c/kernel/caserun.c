/*
 * caserun.c - one case on the live kernel; see caserun.h.
 */
#include "caserun.h"

#include "aftercare.h"
#include "ctxcache.h"
#include "io_uring_abi.h"

#include <stdio.h>

void ku_run_one(struct ku_runner *k, const struct uspec_case *c, struct uspec_outcome *o)
{
	struct ku_result r;
	struct ku_ring *ring;
	enum ku_reach reach = ku_reach_of(c->sqe.opcode, k->last_op);
	enum ku_lane lane = ku_lane_of(c->sqe.flags);
	unsigned hints = ku_hints_of(c, reach);
	int err;

	k->serial_cases++;
	ring = ku_ctx_acquire(&c->ctx, lane, &err);
	if (!ring) {
		o->res = err;
		o->flags = USPEC_OUT_CTX_FAILED;
		return;
	}
	if (k->iowq_busy) {
		ku_submit_quiesce(ring, c->sqe.user_data, k->opts.wait_ns);
		k->iowq_busy = 0;
	}
	ku_submit_case(ring, c->raw_sqe, c->sqe.user_data, hints, &k->opts, &r);
	o->res = r.res;
	o->flags = r.flags;
	if (r.flags & USPEC_OUT_TIMEOUT)
		k->iowq_busy = 1;
	if (r.strays)
		fprintf(stderr, "kernel-adapter: %u stray CQE(s) around user_data 0x%llx (opcode %u); ring rebuilt\n",
			r.strays, (unsigned long long)c->sqe.user_data, c->sqe.opcode);
	/* IOSQE_IO_DRAIN leaves the ring draining, and the next SQE then takes the slow path
	 * (observed on 6.18: a failing NOP|CQE_SKIP_SUCCESS right after an IO_DRAIN SQE posted its
	 * CQE after an inline fence - always after a failed IO_DRAIN SQE, in 1-7% of tries after a
	 * successful one). A helper NOP takes that path instead. */
	if (!r.discard && (c->sqe.flags & KU_IOSQE_IO_DRAIN) &&
	    ku_submit_undrain(ring, c->sqe.user_data, k->opts.wait_ns) != 0)
		r.discard = 1;
	if (r.discard)
		ku_ctx_discard(&c->ctx, lane);
	ku_restore_after(c, reach, &r);
}
