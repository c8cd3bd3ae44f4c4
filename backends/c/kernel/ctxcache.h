/*
 * ctxcache.h - ring contexts realised on the live kernel, kept in a small LRU cache.
 *
 * A context (setup_flags, nr_bufs, buf_size, nr_personalities) becomes a ring set up with those
 * flags, with nr_bufs buffers of buf_size bytes registered at the canonical addresses and
 * personalities 1..n registered. A context the kernel refuses is cached too (with its -errno),
 * so a refused context costs one attempt, not one per case. The ops bitmap of the context is
 * ignored: a mainline kernel has no BPF ops to register.
 */
#ifndef URING_SPEC_KERNEL_CTXCACHE_H
#define URING_SPEC_KERNEL_CTXCACHE_H

#include "ring.h"
#include "uring_spec_kit.h"

/* SQ entries of every ring: at most four SQEs (a case and its helpers) are in flight. */
#define KU_RING_ENTRIES 8u
/* Rings kept at once. Generated cases alternate among a few hundred contexts (about 300 in a
 * nop@6.18 run), and a ring set up again costs more than the case: keep many. 64 took a
 * nop@6.18 check from 9.1k to 11.0k cases/s on 6.18. */
#define KU_CTX_SLOTS 64u

/* The ring for ctx, realised on first use. NULL when the context cannot be realised; *err then
 * holds the -errno of the call that failed. drain: the case sets IOSQE_IO_DRAIN, so it needs a
 * ring that has never seen IOSQE_CQE_SKIP_SUCCESS (see ku_ctx_note_skip). */
struct ku_ring *ku_ctx_acquire(const struct uspec_ctx *ctx, int drain, int *err);

/* Records that ctx's ring has been sent an SQE with IOSQE_CQE_SKIP_SUCCESS. From then on the
 * kernel fails every IOSQE_IO_DRAIN SQE on that ring with -EOPNOTSUPP (ctx->drain_disabled;
 * observed on 6.18), so the next case that drains gets a fresh ring instead. */
void ku_ctx_note_skip(const struct uspec_ctx *ctx);

/* Forgets the ring of ctx (closing it), so the next case gets a fresh one. */
void ku_ctx_discard(const struct uspec_ctx *ctx);

/* Closes every cached ring and forgets cached failures. */
void ku_ctx_close_all(void);

/* Sets up a ring for ctx the way the cache does, for one-off use (the probe). Returns 0 or the
 * -errno of the failing step; on failure nothing is left open. */
int ku_ctx_realise(struct ku_ring *r, const struct uspec_ctx *ctx);

#endif
