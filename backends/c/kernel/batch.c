/*
 * batch.c - a whole request of cases on the live kernel; see batch.h.
 */
#include "batch.h"

#include "ctxcache.h"
#include "io_uring_abi.h"
#include "scratch.h"

#include <string.h>

#define KU_RWF_NOWAIT 0x08u
#define KU_RWF_APPEND 0x10u
/* Group lookup table: a power of two above twice USPEC_MAX_BATCH. */
#define GROUP_TABLE 8192u

/* A read or write of nothing: a closed descriptor or an empty fixed-file table (the adapter
 * registers no files). It fails with -EBADF at issue and can wait for nothing. */
static int on_nothing(const struct uspec_sqe *s)
{
	return (s->flags & KU_IOSQE_FIXED_FILE) || s->fd < 0 || s->fd >= 9999;
}

unsigned ku_batchable(const struct uspec_case *c, enum ku_reach reach)
{
	const struct uspec_sqe *s = &c->sqe;
	unsigned op = s->opcode;
	int write = op == KU_IORING_OP_WRITE || op == KU_IORING_OP_WRITE_FIXED;
	int scratch = s->fd == USPEC_SCRATCH_FD && !(s->flags & KU_IOSQE_FIXED_FILE);
	uint64_t end = s->off + s->len; /* off < 2^63 below, so no wrap */

	/* IO_DRAIN waits for everything submitted before it, and what comes after waits for it:
	 * later, not different, where every CQE is awaited (the CLEAN lane). It leaves the ring
	 * draining, which only the timing of a skipped success could tell: flush ends the drain with
	 * a helper NOP, as caserun.c does. With CQE_SKIP_SUCCESS too it fails at init; alone. */
	if ((s->flags & KU_IOSQE_IO_DRAIN) && (s->flags & KU_IOSQE_CQE_SKIP_SUCCESS))
		return 0;
	if (reach == KU_REACH_NOTHING)
		return KU_BATCH_OK;
	if (!write && op != KU_IORING_OP_READ && op != KU_IORING_OP_READ_FIXED)
		return 0;
	/* The scratch file, or nothing: never a pipe or socket that could park the request (a
	 * skipped success that may park needs the settle wait and cancel probe of caserun.c). */
	if (!scratch && !on_nothing(s))
		return 0;
	if (s->off >= (1ull << 63)) /* -1: at the file position, which it moves */
		return 0;
	if (!write)
		return KU_BATCH_OK | (scratch && end > KU_SCRATCH_SIZE ? KU_BATCH_SIZE_READ : 0);
	if (s->op_flags & KU_RWF_APPEND)
		return 0;
	if (!scratch || end <= KU_SCRATCH_SIZE)
		return KU_BATCH_OK;
	/* It may grow the file: fine beside anything that does not read past its end (aftercare
	 * puts the size back after the lot), but not when RWF_NOWAIT makes the outcome depend on
	 * the page cache, nor when it is long enough to take its time. */
	if ((s->op_flags & KU_RWF_NOWAIT) || s->len > (1u << 20))
		return 0;
	return KU_BATCH_OK | KU_BATCH_GROWS;
}

/* A link or hard link takes the next SQE of its submission into its chain: such a case ends its
 * io_uring_enter call (ku_submit_many). */
static int links(const struct uspec_case *c)
{
	return (c->sqe.flags & (KU_IOSQE_IO_LINK | KU_IOSQE_IO_HARDLINK)) != 0;
}

static uint32_t ctx_hash(const struct uspec_case *c)
{
	uint64_t h = 1469598103934665603ull;
	uint32_t v[5] = { c->ctx.setup_flags, c->ctx.nr_bufs, c->ctx.buf_size, c->ctx.nr_personalities,
			  (uint32_t)ku_lane_of(c->sqe.flags) };

	for (unsigned i = 0; i < 5; i++)
		h = (h ^ v[i]) * 1099511628211ull;
	for (unsigned i = 0; i < sizeof(c->ctx.ops); i++)
		h = (h ^ c->ctx.ops[i]) * 1099511628211ull;
	return (uint32_t)(h ^ (h >> 31));
}

static int same_group(const struct uspec_case *a, const struct uspec_case *b)
{
	return a->ctx.setup_flags == b->ctx.setup_flags && a->ctx.nr_bufs == b->ctx.nr_bufs &&
	       a->ctx.buf_size == b->ctx.buf_size && a->ctx.nr_personalities == b->ctx.nr_personalities &&
	       ku_lane_of(a->sqe.flags) == ku_lane_of(b->sqe.flags) &&
	       /* the ops are the ring's (V2/V3) or the global table's state while it runs (V1) */
	       !memcmp(a->ctx.ops, b->ctx.ops, sizeof(a->ctx.ops));
}

/* order[0..n): case indices, grouped by context and lane in first-appearance order. */
static void group_order(const struct uspec_case *cases, uint32_t n, uint32_t *order)
{
	static int32_t table[GROUP_TABLE];  /* slot -> group's first case, or -1 */
	static uint32_t group_of[USPEC_MAX_BATCH], count[USPEC_MAX_BATCH], start[USPEC_MAX_BATCH];
	uint32_t groups = 0;

	memset(table, 0xff, sizeof(table));
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h = ctx_hash(&cases[i]) & (GROUP_TABLE - 1);
		while (table[h] >= 0 && !same_group(&cases[table[h]], &cases[i]))
			h = (h + 1) & (GROUP_TABLE - 1);
		if (table[h] < 0) {
			table[h] = (int32_t)i;
			group_of[i] = groups;
			count[groups++] = 0;
		} else {
			group_of[i] = group_of[table[h]];
		}
		count[group_of[i]]++;
	}
	for (uint32_t g = 0, at = 0; g < groups; g++) {
		start[g] = at;
		at += count[g];
	}
	for (uint32_t i = 0; i < n; i++)
		order[start[group_of[i]]++] = i;
}

struct pending {
	uint32_t idx[KU_SUBMIT_MANY_MAX];
	const uint8_t *raws[KU_SUBMIT_MANY_MAX];
	uint64_t uds[KU_SUBMIT_MANY_MAX];
	uint8_t ends[KU_SUBMIT_MANY_MAX]; /* the case links: its io_uring_enter call ends after it */
	unsigned n;
	int skip;         /* the SKIP lane: fences after the submission */
	int through_iowq; /* some case may run in io-wq: fence both io-wq queues */
	int drains;       /* some case has IO_DRAIN: end the drain after the submission */
	unsigned size;    /* KU_BATCH_GROWS | KU_BATCH_SIZE_READ of the pending cases */
};

/* Whether ud cannot join: another pending case has it, or a fence of the pending ones would
 * (their user_data derive from the first case's, KU_UD_FENCE, KU_UD_FENCE2 and KU_UD_UNDRAIN of
 * submit.h). */
static int ud_clash(const struct pending *p, uint64_t ud)
{
	if (p->n > 0 && (ud == KU_UD_FENCE(p->uds[0]) || ud == KU_UD_FENCE2(p->uds[0]) || ud == KU_UD_UNDRAIN(p->uds[0])))
		return 1;
	for (unsigned i = 0; i < p->n; i++)
		if (p->uds[i] == ud)
			return 1;
	return 0;
}

/* Submits the pending cases together; on any doubt, runs them again one at a time. */
static void flush(struct ku_runner *k, const struct uspec_case *cases, struct uspec_outcome *out, struct pending *p)
{
	struct ku_result res[KU_SUBMIT_MANY_MAX];
	const struct uspec_case *first;
	struct ku_ring *ring;
	enum ku_lane lane;
	int err;

	if (p->n == 0)
		return;
	first = &cases[p->idx[0]];
	lane = ku_lane_of(first->sqe.flags);
	if (p->n == 1) {
		ku_run_one(k, first, &out[p->idx[0]]);
		p->n = 0;
		p->skip = p->through_iowq = p->drains = 0;
		p->size = 0;
		return;
	}
	ring = ku_ctx_acquire(&first->ctx, lane, &err);
	if (!ring) {
		for (unsigned i = 0; i < p->n; i++) {
			out[p->idx[i]].res = err;
			out[p->idx[i]].flags = USPEC_OUT_CTX_FAILED;
		}
		p->n = 0;
		p->skip = p->through_iowq = p->drains = 0;
		p->size = 0;
		return;
	}
	if (k->iowq_busy) {
		ku_submit_quiesce(ring, p->uds[0], k->opts.wait_ns);
		k->iowq_busy = 0;
	}
	k->batched_enters++;
	if (ku_submit_many(ring, p->raws, p->uds, p->ends, p->n, p->skip, p->through_iowq, k->opts.wait_ns, res) == 0) {
		k->batched_cases += p->n;
		for (unsigned i = 0; i < p->n; i++) {
			const struct uspec_case *c = &cases[p->idx[i]];
			out[p->idx[i]].res = res[i].res;
			out[p->idx[i]].flags = res[i].flags;
			ku_restore_after(c, ku_reach_of(c->sqe.opcode, k->last_op), &res[i]);
		}
		if (p->drains && ku_submit_undrain(ring, p->uds[0], k->opts.wait_ns) != 0)
			ku_ctx_discard(&first->ctx, lane);
	} else {
		k->fallbacks++;
		ku_ctx_discard(&first->ctx, lane);
		k->iowq_busy = 1; /* something may still run in io-wq */
		for (unsigned i = 0; i < p->n; i++) {
			const struct uspec_case *c = &cases[p->idx[i]];
			struct ku_result unknown = { .flags = USPEC_OUT_TIMEOUT };
			/* where a read of the first attempt may have landed, back to zero */
			ku_restore_after(c, ku_reach_of(c->sqe.opcode, k->last_op), &unknown);
			ku_run_one(k, c, &out[p->idx[i]]);
		}
	}
	p->n = 0;
	p->skip = p->through_iowq = p->drains = 0;
	p->size = 0;
}

void ku_run_batch(struct ku_runner *k, const struct uspec_case *cases, struct uspec_outcome *out, uint32_t n,
		  int one_at_a_time)
{
	static uint32_t order[USPEC_MAX_BATCH];
	struct pending p = { .n = 0 };

	if (one_at_a_time) {
		for (uint32_t i = 0; i < n; i++)
			ku_run_one(k, &cases[i], &out[i]);
		return;
	}
	group_order(cases, n, order);
	for (uint32_t j = 0; j < n; j++) {
		const struct uspec_case *c = &cases[order[j]];
		if (p.n > 0 && !same_group(&cases[p.idx[0]], c))
			flush(k, cases, out, &p);
		unsigned b = ku_batchable(c, ku_reach_of(c->sqe.opcode, k->last_op));
		unsigned size = b & (KU_BATCH_GROWS | KU_BATCH_SIZE_READ);

		if (!b) {
			/* Before the pending ones: they are independent of it and of each other, and
			 * not yet in the ring, so the order does not matter and the run goes on. */
			ku_run_one(k, c, &out[order[j]]);
			continue;
		}
		/* a write that grows the file and a read past its end do not share a submission */
		if (p.n == KU_SUBMIT_MANY_MAX || ud_clash(&p, c->sqe.user_data) || ((p.size | size) == (KU_BATCH_GROWS | KU_BATCH_SIZE_READ)))
			flush(k, cases, out, &p);
		p.size |= size;
		p.idx[p.n] = order[j];
		p.raws[p.n] = c->raw_sqe;
		p.uds[p.n] = c->sqe.user_data;
		p.ends[p.n] = (uint8_t)links(c);
		p.n++;
		p.skip = ku_lane_of(c->sqe.flags) == KU_LANE_SKIP;
		if (ku_hints_of(c, ku_reach_of(c->sqe.opcode, k->last_op)) & KU_HINT_MAYBE_ASYNC)
			p.through_iowq = 1;
		if (c->sqe.flags & KU_IOSQE_IO_DRAIN)
			p.drains = 1;
	}
	flush(k, cases, out, &p);
}
