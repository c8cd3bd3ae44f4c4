/*
 * io_uring_abi.h - the slice of the Linux io_uring UAPI the kernel adapter uses, written out here.
 *
 * Follows include/uapi/linux/io_uring.h of Linux 6.18 (names are the kernel's, prefixed KU_ for
 * constants and ku_ for structs so that a machine whose <linux/io_uring.h> is present - possibly
 * older - cannot clash with it; that header is deliberately not included). Struct layouts are
 * checked by the static asserts at the end: a field that drifts fails the build, not a test.
 * Only what the adapter touches is here; NEED: add more as the adapter grows.
 */
#ifndef URING_SPEC_IO_URING_ABI_H
#define URING_SPEC_IO_URING_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>

/* Syscall numbers are the same on every architecture since 5.1 (the "common" table). */
#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif
#ifndef __NR_io_uring_enter
#define __NR_io_uring_enter 426
#endif
#ifndef __NR_io_uring_register
#define __NR_io_uring_register 427
#endif

/* --- SQE (struct io_uring_sqe, 64 bytes; 128 on IORING_SETUP_SQE128 rings) --- */
#define KU_SQE_SIZE 64u

/* sqe->flags bits (IOSQE_*_BIT) */
#define KU_IOSQE_FIXED_FILE_BIT 0
#define KU_IOSQE_IO_DRAIN_BIT 1
#define KU_IOSQE_IO_LINK_BIT 2
#define KU_IOSQE_IO_HARDLINK_BIT 3
#define KU_IOSQE_ASYNC_BIT 4
#define KU_IOSQE_BUFFER_SELECT_BIT 5
#define KU_IOSQE_CQE_SKIP_SUCCESS_BIT 6
#define KU_IOSQE_FIXED_FILE (1u << KU_IOSQE_FIXED_FILE_BIT)
#define KU_IOSQE_IO_DRAIN (1u << KU_IOSQE_IO_DRAIN_BIT)
#define KU_IOSQE_IO_LINK (1u << KU_IOSQE_IO_LINK_BIT)
#define KU_IOSQE_IO_HARDLINK (1u << KU_IOSQE_IO_HARDLINK_BIT)
#define KU_IOSQE_ASYNC (1u << KU_IOSQE_ASYNC_BIT)
#define KU_IOSQE_CQE_SKIP_SUCCESS (1u << KU_IOSQE_CQE_SKIP_SUCCESS_BIT)

/* Opcodes (enum io_uring_op). Only those the adapter names; the probe reports the rest. */
#define KU_IORING_OP_NOP 0
#define KU_IORING_OP_READV 1
#define KU_IORING_OP_WRITEV 2
#define KU_IORING_OP_FSYNC 3
#define KU_IORING_OP_READ_FIXED 4
#define KU_IORING_OP_WRITE_FIXED 5
#define KU_IORING_OP_SYNC_FILE_RANGE 8
#define KU_IORING_OP_ASYNC_CANCEL 14
#define KU_IORING_OP_FALLOCATE 17
#define KU_IORING_OP_READ 22
#define KU_IORING_OP_WRITE 23
#define KU_IORING_OP_FADVISE 24
#define KU_IORING_OP_FTRUNCATE 55
#define KU_IORING_OP_READV_FIXED 60
#define KU_IORING_OP_WRITEV_FIXED 61
#define KU_IORING_OP_PIPE 62 /* IORING_OP_LAST - 1 on 6.18 */
#define KU_IORING_OP_NOP128 63 /* Linux 6.19+: NOP in a 128-byte SQE */
#define KU_IORING_OP_URING_CMD128 64 /* IORING_OP_LAST - 1 on 7.2 */
/* IORING_OP_BPF: io_uring BPF series v1 (lore.kernel.org/r/20251104162123.1086035-4-ming.lei@redhat.com);
 * value counted after IORING_OP_URING_CMD128 (64), not quoted. Not in mainline. */
#define KU_IORING_OP_BPF 65

/* --- io_uring_setup(2): struct io_uring_params and its flags --- */
#define KU_IORING_SETUP_IOPOLL (1u << 0)
#define KU_IORING_SETUP_SQPOLL (1u << 1)
#define KU_IORING_SETUP_SQ_AFF (1u << 2)
#define KU_IORING_SETUP_CQSIZE (1u << 3)
#define KU_IORING_SETUP_CLAMP (1u << 4)
#define KU_IORING_SETUP_ATTACH_WQ (1u << 5)
#define KU_IORING_SETUP_R_DISABLED (1u << 6)
#define KU_IORING_SETUP_SUBMIT_ALL (1u << 7)
#define KU_IORING_SETUP_COOP_TASKRUN (1u << 8)
#define KU_IORING_SETUP_TASKRUN_FLAG (1u << 9)
#define KU_IORING_SETUP_SQE128 (1u << 10)
#define KU_IORING_SETUP_CQE32 (1u << 11)
#define KU_IORING_SETUP_SINGLE_ISSUER (1u << 12)
#define KU_IORING_SETUP_DEFER_TASKRUN (1u << 13)
#define KU_IORING_SETUP_NO_MMAP (1u << 14)
#define KU_IORING_SETUP_REGISTERED_FD_ONLY (1u << 15)
#define KU_IORING_SETUP_NO_SQARRAY (1u << 16)
#define KU_IORING_SETUP_HYBRID_IOPOLL (1u << 17)
#define KU_IORING_SETUP_CQE_MIXED (1u << 18)
/* IORING_SETUP_BPF: io_uring BPF series v1, patch 2/5
 * (lore.kernel.org/r/20251104162123.1086035-3-ming.lei@redhat.com). Not in mainline. */
#define KU_IORING_SETUP_BPF (1u << 20)

/* params.features (IORING_FEAT_*) */
#define KU_IORING_FEAT_SINGLE_MMAP (1u << 0)
#define KU_IORING_FEAT_NODROP (1u << 1)
#define KU_IORING_FEAT_EXT_ARG (1u << 8)
#define KU_IORING_FEAT_CQE_SKIP (1u << 11)
/* IORING_FEAT_BPF: io_uring BPF series v1, patch 2/5. Not in mainline. */
#define KU_IORING_FEAT_BPF (1u << 18)

struct ku_io_sqring_offsets {
	uint32_t head;
	uint32_t tail;
	uint32_t ring_mask;
	uint32_t ring_entries;
	uint32_t flags;
	uint32_t dropped;
	uint32_t array;
	uint32_t resv1;
	uint64_t user_addr;
};

struct ku_io_cqring_offsets {
	uint32_t head;
	uint32_t tail;
	uint32_t ring_mask;
	uint32_t ring_entries;
	uint32_t overflow;
	uint32_t cqes;
	uint32_t flags;
	uint32_t resv1;
	uint64_t user_addr;
};

struct ku_io_uring_params {
	uint32_t sq_entries;
	uint32_t cq_entries;
	uint32_t flags;
	uint32_t sq_thread_cpu;
	uint32_t sq_thread_idle; /* milliseconds */
	uint32_t features;
	uint32_t wq_fd;
	uint32_t resv[3];
	struct ku_io_sqring_offsets sq_off;
	struct ku_io_cqring_offsets cq_off;
};

/* mmap offsets (IORING_OFF_*) */
#define KU_IORING_OFF_SQ_RING 0ull
#define KU_IORING_OFF_CQ_RING 0x8000000ull
#define KU_IORING_OFF_SQES 0x10000000ull

/* sq_ring->flags (IORING_SQ_*) */
#define KU_IORING_SQ_NEED_WAKEUP (1u << 0)
#define KU_IORING_SQ_CQ_OVERFLOW (1u << 1) /* CQEs wait in the overflow list: enter with GETEVENTS flushes them */

/* --- CQE (struct io_uring_cqe, 16 bytes; 32 on CQE32 rings and for F_32 CQEs on CQE_MIXED) --- */
struct ku_io_uring_cqe {
	uint64_t user_data;
	int32_t res;
	uint32_t flags;
};
#define KU_IORING_CQE_F_MORE (1u << 1) /* the request stays armed: more CQEs will follow */
#define KU_IORING_CQE_F_SKIP (1u << 5) /* filler on CQE_MIXED rings: not a completion */
#define KU_IORING_CQE_F_32 (1u << 15)  /* this CQE takes two 16-byte slots (CQE_MIXED) */

/* --- io_uring_enter(2) --- */
#define KU_IORING_ENTER_GETEVENTS (1u << 0)
#define KU_IORING_ENTER_SQ_WAKEUP (1u << 1)
#define KU_IORING_ENTER_SQ_WAIT (1u << 2)
#define KU_IORING_ENTER_EXT_ARG (1u << 3)

struct ku_kernel_timespec { /* struct __kernel_timespec */
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct ku_io_uring_getevents_arg {
	uint64_t sigmask;
	uint32_t sigmask_sz;
	uint32_t min_wait_usec; /* "pad" before 6.12; 0 = no minimum wait */
	uint64_t ts;            /* pointer to struct __kernel_timespec */
};

/* --- io_uring_register(2) --- */
#define KU_IORING_REGISTER_BUFFERS 0u
#define KU_IORING_UNREGISTER_BUFFERS 1u
#define KU_IORING_REGISTER_PROBE 8u
#define KU_IORING_REGISTER_PERSONALITY 9u
#define KU_IORING_UNREGISTER_PERSONALITY 10u
#define KU_IORING_UNREGISTER_FILES 3u
#define KU_IORING_REGISTER_FILES2 13u
#define KU_IORING_REGISTER_BUFFERS2 15u
#define KU_IORING_RSRC_REGISTER_SPARSE (1u << 0)
#define KU_IORING_REGISTER_ENABLE_RINGS 12u
#define KU_IORING_REGISTER_IOWQ_MAX_WORKERS 19u /* arg: u32[2] = { bound, unbound }, nr_args 2 */

/* Limits of IORING_REGISTER_BUFFERS (io_uring/rsrc.c): more buffers than this is -EINVAL, a
 * buffer longer than 1 GiB is -EFAULT; both are refused before any user memory is touched. */
#define KU_IORING_MAX_REG_BUFFERS (1u << 14)
#define KU_IORING_MAX_BUF_LEN (1ull << 30)

struct ku_io_uring_probe_op {
	uint8_t op;
	uint8_t resv;
	uint16_t flags; /* KU_IO_URING_OP_SUPPORTED */
	uint32_t resv2;
};
#define KU_IO_URING_OP_SUPPORTED (1u << 0)

struct ku_io_uring_probe {
	uint8_t last_op; /* last opcode the kernel knows */
	uint8_t ops_len; /* entries filled in ops[] */
	uint16_t resv;
	uint32_t resv2[3];
	struct ku_io_uring_probe_op ops[]; /* the kernel fills at most 256 */
};

/* Layout checks: sizes and the offsets the kernel's own BUILD_BUG_ONs pin. */
_Static_assert(sizeof(struct ku_io_sqring_offsets) == 40, "io_sqring_offsets is 40 bytes");
_Static_assert(sizeof(struct ku_io_cqring_offsets) == 40, "io_cqring_offsets is 40 bytes");
/* --- io_uring_register(2) arguments of the resource opcodes (REGISTER_FILES2, BUFFERS2, *_UPDATE*) --- */
struct ku_io_uring_rsrc_register {
	uint32_t nr;
	uint32_t flags;
	uint64_t resv2;
	uint64_t data;
	uint64_t tags;
};
struct ku_io_uring_rsrc_update {
	uint32_t offset;
	uint32_t resv;
	uint64_t data;
};
struct ku_io_uring_rsrc_update2 {
	uint32_t offset;
	uint32_t resv;
	uint64_t data;
	uint64_t tags;
	uint32_t nr;
	uint32_t resv2;
};

_Static_assert(sizeof(struct ku_io_uring_params) == 120, "io_uring_params is 120 bytes");
_Static_assert(offsetof(struct ku_io_uring_params, sq_off) == 40, "params.sq_off at 40");
_Static_assert(sizeof(struct ku_io_uring_cqe) == 16, "io_uring_cqe is 16 bytes");
_Static_assert(sizeof(struct ku_io_uring_getevents_arg) == 24, "io_uring_getevents_arg is 24 bytes");
_Static_assert(sizeof(struct ku_kernel_timespec) == 16, "__kernel_timespec is 16 bytes");
_Static_assert(sizeof(struct ku_io_uring_rsrc_register) == 32, "io_uring_rsrc_register is 32 bytes");
_Static_assert(sizeof(struct ku_io_uring_rsrc_update) == 16, "io_uring_rsrc_update is 16 bytes");
_Static_assert(sizeof(struct ku_io_uring_rsrc_update2) == 32, "io_uring_rsrc_update2 is 32 bytes");
_Static_assert(sizeof(struct ku_io_uring_probe_op) == 8, "io_uring_probe_op is 8 bytes");
_Static_assert(sizeof(struct ku_io_uring_probe) == 16, "io_uring_probe header is 16 bytes");

#endif
