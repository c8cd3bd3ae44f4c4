/*
 * ring.c - one raw io_uring instance; see ring.h.
 *
 * Memory ordering follows the kernel's contract (io_uring.h, "SQ/CQ ring ordering"): the SQ tail
 * is published with a release store after the SQE bytes, the CQ tail is read with an acquire
 * load before the CQE bytes, and the CQ head is handed back with a release store.
 */
#include "ring.h"

#include "io_uring_abi.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* An SQPOLL thread spins this long (ms) after its last SQE before it sleeps. The kernel's default
 * is a second; a short idle keeps cached SQPOLL rings from burning a CPU between cases. */
#define KU_SQPOLL_IDLE_MS 10u

int ku_sys_setup(uint32_t entries, void *params)
{
	long r = syscall(__NR_io_uring_setup, entries, params);
	return r < 0 ? -errno : (int)r;
}

int ku_sys_enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags, const void *arg, size_t argsz)
{
	long r = syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags, arg, argsz);
	return r < 0 ? -errno : (int)r;
}

int ku_sys_register(int fd, unsigned opcode, const void *arg, unsigned nr_args)
{
	long r = syscall(__NR_io_uring_register, fd, opcode, arg, nr_args);
	return r < 0 ? -errno : (int)r;
}

static void *map_region(int fd, size_t len, uint64_t off, int *err)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, (off_t)off);
	if (p == MAP_FAILED) {
		*err = -errno;
		return NULL;
	}
	return p;
}

int ku_ring_open(struct ku_ring *r, uint32_t entries, uint32_t setup_flags)
{
	struct ku_io_uring_params p;
	size_t sq_len, cq_len;
	uint8_t *sq, *cq;
	int err = 0;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	memset(&p, 0, sizeof(p));
	p.flags = setup_flags;
	if (setup_flags & KU_IORING_SETUP_SQPOLL)
		p.sq_thread_idle = KU_SQPOLL_IDLE_MS;
	r->fd = ku_sys_setup(entries, &p);
	if (r->fd < 0) {
		err = r->fd;
		r->fd = -1;
		return err;
	}
	r->setup_flags = setup_flags;
	r->features = p.features;
	r->sq_entries = p.sq_entries;
	r->cq_entries = p.cq_entries;
	r->sqe_size = (setup_flags & KU_IORING_SETUP_SQE128) ? 128u : 64u;
	r->cqe_size = (setup_flags & KU_IORING_SETUP_CQE32) ? 32u : 16u;

	sq_len = (setup_flags & KU_IORING_SETUP_NO_SQARRAY) ? 0 : p.sq_off.array + p.sq_entries * sizeof(uint32_t);
	cq_len = p.cq_off.cqes + (size_t)p.cq_entries * r->cqe_size;
	if (p.features & KU_IORING_FEAT_SINGLE_MMAP) {
		size_t len = sq_len > cq_len ? sq_len : cq_len;
		r->sq_map = map_region(r->fd, len, KU_IORING_OFF_SQ_RING, &err);
		r->sq_map_len = len;
		r->cq_map = r->sq_map;
		r->cq_map_len = 0; /* shared: unmapped once, through sq_map */
	} else {
		r->sq_map = map_region(r->fd, sq_len, KU_IORING_OFF_SQ_RING, &err);
		r->sq_map_len = sq_len;
		if (r->sq_map) {
			r->cq_map = map_region(r->fd, cq_len, KU_IORING_OFF_CQ_RING, &err);
			r->cq_map_len = cq_len;
		}
	}
	if (!r->sq_map || !r->cq_map) {
		ku_ring_close(r);
		return err;
	}
	r->sqes_len = (size_t)p.sq_entries * r->sqe_size;
	r->sqes = map_region(r->fd, r->sqes_len, KU_IORING_OFF_SQES, &err);
	if (!r->sqes) {
		ku_ring_close(r);
		return err;
	}

	sq = r->sq_map;
	cq = r->cq_map;
	r->sq_head = (uint32_t *)(sq + p.sq_off.head);
	r->sq_tail = (uint32_t *)(sq + p.sq_off.tail);
	r->sq_mask = (uint32_t *)(sq + p.sq_off.ring_mask);
	r->sq_flags = (uint32_t *)(sq + p.sq_off.flags);
	r->sq_dropped = (uint32_t *)(sq + p.sq_off.dropped);
	r->sq_array = (setup_flags & KU_IORING_SETUP_NO_SQARRAY) ? NULL : (uint32_t *)(sq + p.sq_off.array);
	r->cq_head = (uint32_t *)(cq + p.cq_off.head);
	r->cq_tail = (uint32_t *)(cq + p.cq_off.tail);
	r->cq_mask = (uint32_t *)(cq + p.cq_off.ring_mask);
	r->cqes = cq + p.cq_off.cqes;
	return 0;
}

void ku_ring_close(struct ku_ring *r)
{
	/* ops first: their unreg callback may wait on requests of the ring they belong to */
	for (unsigned i = 0; i < r->bpf_nregs; i++)
		ku_bpf_unregister(&r->bpf_regs[i]);
	free(r->bpf_regs);
	if (r->sqes)
		munmap(r->sqes, r->sqes_len);
	if (r->cq_map && r->cq_map != r->sq_map)
		munmap(r->cq_map, r->cq_map_len);
	if (r->sq_map)
		munmap(r->sq_map, r->sq_map_len);
	if (r->fd >= 0)
		close(r->fd);
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}

void ku_ring_push(struct ku_ring *r, const uint8_t sqe[64])
{
	uint32_t tail = *r->sq_tail; /* the adapter is the only producer */
	uint32_t idx = tail & *r->sq_mask;
	uint8_t *slot = r->sqes + (size_t)idx * r->sqe_size;

	memcpy(slot, sqe, 64);
	if (r->sqe_size > 64)
		memset(slot + 64, 0, r->sqe_size - 64);
	if (r->sq_array)
		r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
}

int ku_ring_enter(struct ku_ring *r, unsigned to_submit, unsigned min_complete, int64_t wait_ns)
{
	unsigned flags = 0;
	struct ku_kernel_timespec ts;
	struct ku_io_uring_getevents_arg arg;

	if (r->setup_flags & KU_IORING_SETUP_SQPOLL) {
		/* The thread may have gone to sleep before it saw the new tail: the full barrier orders
		 * our tail store before the flags load (the kernel pairs it with its own). */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__atomic_load_n(r->sq_flags, __ATOMIC_RELAXED) & KU_IORING_SQ_NEED_WAKEUP)
			flags |= KU_IORING_ENTER_SQ_WAKEUP;
	}
	if (min_complete == 0)
		return ku_sys_enter(r->fd, to_submit, 0, flags, NULL, 0);
	flags |= KU_IORING_ENTER_GETEVENTS;
	if (!(r->features & KU_IORING_FEAT_EXT_ARG)) /* pre-5.11: no timeout; caller polls */
		return ku_sys_enter(r->fd, to_submit, 0, flags, NULL, 0);
	if (wait_ns < 0)
		wait_ns = 0;
	ts.tv_sec = wait_ns / 1000000000;
	ts.tv_nsec = wait_ns % 1000000000;
	memset(&arg, 0, sizeof(arg));
	arg.ts = (uint64_t)(uintptr_t)&ts;
	flags |= KU_IORING_ENTER_EXT_ARG;
	return ku_sys_enter(r->fd, to_submit, min_complete, flags, &arg, sizeof(arg));
}

void ku_ring_flush(struct ku_ring *r)
{
	(void)ku_sys_enter(r->fd, 0, 0, KU_IORING_ENTER_GETEVENTS, NULL, 0);
}

int ku_ring_reap(struct ku_ring *r, struct ku_cqe *out)
{
	int mixed = (r->setup_flags & KU_IORING_SETUP_CQE_MIXED) != 0;
	uint32_t head = *r->cq_head; /* the adapter is the only consumer */
	uint32_t tail = __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE);

	while (head != tail) {
		const struct ku_io_uring_cqe *c =
			(const struct ku_io_uring_cqe *)(r->cqes + (size_t)(head & *r->cq_mask) * r->cqe_size);
		uint32_t flags = c->flags;

		if (mixed && (flags & KU_IORING_CQE_F_SKIP)) {
			/* A filler the kernel posts so a 32-byte CQE does not straddle the wrap. */
			head++;
			continue;
		}
		out->user_data = c->user_data;
		out->res = c->res;
		out->flags = flags;
		head += (mixed && (flags & KU_IORING_CQE_F_32)) ? 2u : 1u;
		__atomic_store_n(r->cq_head, head, __ATOMIC_RELEASE);
		return 1;
	}
	__atomic_store_n(r->cq_head, head, __ATOMIC_RELEASE);
	return 0;
}

uint32_t ku_ring_sq_pending(const struct ku_ring *r)
{
	return *r->sq_tail - __atomic_load_n(r->sq_head, __ATOMIC_ACQUIRE);
}

uint32_t ku_ring_sq_dropped(const struct ku_ring *r)
{
	return __atomic_load_n(r->sq_dropped, __ATOMIC_RELAXED);
}
