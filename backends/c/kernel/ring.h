/*
 * ring.h - one raw io_uring instance (no liburing): set up, map, push one SQE, reap CQEs.
 *
 * The adapter reaps every completion of a case (or of a batched submission) before the next, so
 * the ring holds at most its SQ size in SQEs (ctxcache.h) and the CQ, twice that, never
 * overflows.
 */
#ifndef URING_SPEC_KERNEL_RING_H
#define URING_SPEC_KERNEL_RING_H

#include <stddef.h>
#include <stdint.h>

#include "bpfops.h"

struct ku_ring {
	int fd;
	uint32_t setup_flags;
	uint32_t features;
	uint32_t sq_entries;
	uint32_t cq_entries;
	unsigned sqe_size; /* 64, or 128 on IORING_SETUP_SQE128 */
	unsigned cqe_size; /* 16, or 32 on IORING_SETUP_CQE32 (CQE_MIXED rings stride 16) */
	/* mappings */
	void *sq_map;
	size_t sq_map_len;
	void *cq_map; /* == sq_map with IORING_FEAT_SINGLE_MMAP */
	size_t cq_map_len;
	uint8_t *sqes;
	size_t sqes_len;
	/* ring words, shared with the kernel */
	uint32_t *sq_head, *sq_tail, *sq_mask, *sq_flags, *sq_dropped, *sq_array;
	uint32_t *cq_head, *cq_tail, *cq_mask;
	uint8_t *cqes;
	/* BPF ops registered on this ring (V2/V3 of the series keep them per ring); unregistered
	 * by ku_ring_close before the ring goes */
	struct ku_bpf_reg *bpf_regs;
	unsigned bpf_nregs;
};

/* A completion as the adapter sees it. */
struct ku_cqe {
	uint64_t user_data;
	int32_t res;
	uint32_t flags;
};

/* Sets up a ring (params zeroed but for flags; SQPOLL rings get a short idle so their kernel
 * thread sleeps between cases) and maps it. Returns 0, or the -errno of the failing call. */
int ku_ring_open(struct ku_ring *r, uint32_t entries, uint32_t setup_flags);
void ku_ring_close(struct ku_ring *r);

/* Copies the 64 bytes into the next SQ slot (the rest of a 128-byte slot is zeroed) and
 * publishes it. The SQE is not submitted until ku_ring_enter. */
void ku_ring_push(struct ku_ring *r, const uint8_t sqe[64]);

/* io_uring_enter(to_submit, min_complete) with GETEVENTS|EXT_ARG and a timeout of wait_ns when
 * min_complete > 0 (SQ_WAKEUP added on SQPOLL rings when the thread sleeps). Returns the
 * syscall's result or -errno. */
int ku_ring_enter(struct ku_ring *r, unsigned to_submit, unsigned min_complete, int64_t wait_ns);

/* io_uring_enter(0, 0, GETEVENTS): runs completions the kernel has queued as task work
 * (DEFER_TASKRUN rings post nothing until asked), without waiting. */
void ku_ring_flush(struct ku_ring *r);

/* Takes the next CQE off the CQ ring (skipping CQE_MIXED filler entries). Returns 1 and fills
 * *out, or 0 when the ring is empty. */
int ku_ring_reap(struct ku_ring *r, struct ku_cqe *out);

/* SQEs published but not yet consumed by the kernel, and the sq "dropped" counter. */
uint32_t ku_ring_sq_pending(const struct ku_ring *r);
uint32_t ku_ring_sq_dropped(const struct ku_ring *r);

/* Thin syscall wrappers returning -errno on failure. */
int ku_sys_setup(uint32_t entries, void *params);
int ku_sys_enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags, const void *arg, size_t argsz);
int ku_sys_register(int fd, unsigned opcode, const void *arg, unsigned nr_args);

#endif
