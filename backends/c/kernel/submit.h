/*
 * submit.h - one case's SQE through a live ring, and what became of it.
 *
 * The SQE goes in as the 64 bytes the harness sent (user_data included: it is what the CQE is
 * matched by) in its own io_uring_enter call, so a link or drain flag cannot reach another case.
 * With IOSQE_CQE_SKIP_SUCCESS, fences follow in further enter calls: their CQEs prove that the
 * case's inline part is over and, when they are sent through io-wq, that its io-wq work is over
 * too. An op that may be parked outside io-wq (poll, timer, futex) then gets a settle wait, and
 * if its CQE has not come, an IORING_OP_ASYNC_CANCEL by its user_data asks the kernel whether
 * it is still in flight: -ENOENT proves it finished successfully (NO_CQE); found means it did
 * not finish in time (TIMEOUT; it is cancelled). Every helper SQE's CQE is consumed before the
 * case's outcome is reported.
 */
#ifndef URING_SPEC_KERNEL_SUBMIT_H
#define URING_SPEC_KERNEL_SUBMIT_H

#include "ring.h"

#include <stdint.h>

/* user_data of the adapter's own SQEs around a case, derived from the case's ud so that no
 * table is needed: each differs from ud (~ud differs in every bit) and from the others, so a
 * CQE is never credited to the wrong SQE, even one that arrives late. */
#define KU_UD_FENCE(ud) (~(uint64_t)(ud))          /* fence NOP, inline or bound io-wq */
#define KU_UD_PROBE(ud) (~(uint64_t)(ud) ^ 1u)     /* ASYNC_CANCEL probe */
#define KU_UD_QUIESCE(ud) (~(uint64_t)(ud) ^ 2u)   /* quiesce NOP (bound io-wq) */
#define KU_UD_FENCE2(ud) (~(uint64_t)(ud) ^ 3u)    /* fence READ of fd -1 (unbound io-wq) */
#define KU_UD_UNDRAIN(ud) (~(uint64_t)(ud) ^ 5u)   /* NOP ending a drain */
#define KU_UD_QUIESCE2(ud) (~(uint64_t)(ud) ^ 6u)  /* quiesce READ of fd -1 (unbound io-wq) */

/* The most cases ku_submit_many takes at once. */
#define KU_SUBMIT_MANY_MAX 64u

struct ku_submit_opts {
	int64_t wait_ns;   /* bound on waiting for a completion */
	int64_t settle_ns; /* wait before probing a skipped-success case that may be parked */
};

struct ku_result {
	int32_t res;
	uint32_t flags;   /* USPEC_OUT_* */
	int discard;      /* the ring must not be reused (something may still be in flight) */
	unsigned strays;  /* CQEs that belonged to neither the case nor its fence */
};

/* What the caller knows about the case's op (ku_submit_case hints). */
#define KU_HINT_MAYBE_ASYNC (1u << 0)    /* may be punted to io-wq */
#define KU_HINT_MAY_PARK (1u << 1)       /* may wait outside io-wq (armed poll, timer, futex) */
#define KU_HINT_TARGETS_OTHERS (1u << 2) /* cancels or removes other requests: an io-wq fence
					  * queued beside it could be its victim */

/* Runs raw on r. A skipped success is confirmed by a fence (through io-wq with
 * KU_HINT_MAYBE_ASYNC), and with KU_HINT_MAY_PARK by a settle wait and a cancel probe. */
void ku_submit_case(struct ku_ring *r, const uint8_t raw[64], uint64_t user_data, unsigned hints,
		    const struct ku_submit_opts *o, struct ku_result *out);

/* Waits (at most wait_ns) until io-wq work queued earlier on this task has run: after a case
 * timed out with work possibly still running there, so that it does not hold up the next
 * case's work behind the adapter's single io-wq workers. Call before submitting the case whose
 * user_data is case_ud (the helpers' user_data derive from it). */
void ku_submit_quiesce(struct ku_ring *r, uint64_t case_ud, int64_t wait_ns);

/* After an SQE with IOSQE_IO_DRAIN the ring stays draining, even when that SQE failed, and
 * forces the next SQE through its slow path (task work, io-wq). One plain NOP takes that path
 * instead and ends the draining. Call after the case whose user_data is case_ud. Returns 0
 * when the NOP's CQE came back, -1 otherwise (the ring should then be rebuilt). */
int ku_submit_undrain(struct ku_ring *r, uint64_t case_ud, int64_t wait_ns);


/* Several independent cases, reaped by user_data into out[i]: n SQEs (n <= KU_SUBMIT_MANY_MAX
 * and the ring's sq_entries, user_data pairwise different), submitted in order, an
 * io_uring_enter call ending after each case with ends[i] set (a case that links: the end of a
 * submission ends its chain, so a link never reaches the next case) and after the last. Only for
 * cases batch.c proves independent: no drain, no op that may park. skip: the cases carry
 * IOSQE_CQE_SKIP_SUCCESS; fences then follow in later enter calls (through io-wq when
 * through_iowq, as for one case in ku_submit_case), and a case with no CQE once they are done
 * is a skipped success (NO_CQE). Returns 0 when every SQE was consumed and the CQEs made sense
 * within wait_ns; -1 on anything else (an SQE not consumed, a missing, extra, multishot or stray
 * CQE, an enter failure): the ring must then be discarded and the cases run again one at a time,
 * which is safe because such cases leave nothing behind that a second run could see. */
int ku_submit_many(struct ku_ring *r, const uint8_t *const raws[], const uint64_t uds[], const uint8_t ends[],
		   unsigned n, int skip, int through_iowq, int64_t wait_ns, struct ku_result out[]);

#endif
