/*
 * ctxcache.h - ring contexts realised on the live kernel, kept alive in a hashed LRU cache.
 *
 * A context (setup_flags, nr_bufs, buf_size, nr_personalities) becomes a ring set up with those
 * flags, with nr_bufs buffers of buf_size bytes registered at the canonical addresses and
 * personalities 1..n registered. A context the kernel refuses is cached too (with its -errno),
 * so a refused context costs one attempt, not one per case. The context's BPF ops are registered
 * on a kernel carrying the IORING_OP_BPF series (bpfops.h): V2/V3 on the ring when it is set up,
 * V1 in its global table whenever a context is acquired; the ops are part of the context's key.
 *
 * Each context has two lanes, each its own ring: cases with IOSQE_CQE_SKIP_SUCCESS run on the
 * SKIP lane, every other case on the CLEAN lane. The first CQE_SKIP_SUCCESS SQE a ring sees
 * makes the kernel fail every later IOSQE_IO_DRAIN SQE on it with -EOPNOTSUPP
 * (ctx->drain_disabled, observed on 6.18) and nothing else reads that flag, so a CLEAN ring never
 * needs rebuilding for it, and a SKIP-lane case that also drains gets -EOPNOTSUPP from its own
 * flag whatever the ring saw before.
 */
#ifndef URING_SPEC_KERNEL_CTXCACHE_H
#define URING_SPEC_KERNEL_CTXCACHE_H

#include "ring.h"
#include "uring_spec_kit.h"

/* SQ entries of every ring: a serial case has at most four SQEs in flight (the case and its
 * helpers); a batched submission (batch.c) up to KU_RING_ENTRIES independent cases. The SQ size
 * is no input of any NOP or read/write outcome. */
#define KU_RING_ENTRIES 64u
/* Rings kept at once. Generated cases draw from a few hundred contexts (473 in a 5000-run
 * nop@6.18 check), and setting a ring up and tearing it down (mmap, munmap with a TLB shootdown,
 * register, close) cost 5-10 times the case: with 64 slots a nop@6.18 check set up 41676 rings
 * for 70001 cases. Each ring is one descriptor and a few pages. */
#define KU_CTX_SLOTS 1024u

enum ku_lane { KU_LANE_CLEAN = 0, KU_LANE_SKIP = 1 };

/* The lane a case with these sqe flags runs on. */
enum ku_lane ku_lane_of(unsigned sqe_flags);

/* The ring for ctx on lane, realised on first use. NULL when the context cannot be realised;
 * *err then holds the -errno of the call that failed. */
struct ku_ring *ku_ctx_acquire(const struct uspec_ctx *ctx, enum ku_lane lane, int *err);

/* Forgets the ring of ctx on lane (closing it), so the next case gets a fresh one. */
void ku_ctx_discard(const struct uspec_ctx *ctx, enum ku_lane lane);

/* Closes every cached ring and forgets cached failures. */
void ku_ctx_close_all(void);

/* Rings set up since start (for the adapter's stats line, URING_SPEC_KERNEL_STATS). */
unsigned long ku_ctx_setups(void);

/* Sets up a ring for ctx the way the cache does, for one-off use (the probe). Returns 0 or the
 * -errno of the failing step; on failure nothing is left open. */
int ku_ctx_realise(struct ku_ring *r, const struct uspec_ctx *ctx);

#endif
