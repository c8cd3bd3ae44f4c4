/**
 * Kernel constants by their kernel names (include/uapi/linux/io_uring.h, and for the BPF ones the
 * 2025-11 IORING_OP_BPF series). Flag values are written as `1 << *_BIT`, never bare numbers.
 */

/** IOSQE_* bit numbers (sqe.flags). */
export const IOSQE_FIXED_FILE_BIT = 0;
export const IOSQE_IO_DRAIN_BIT = 1;
export const IOSQE_IO_LINK_BIT = 2;
export const IOSQE_IO_HARDLINK_BIT = 3;
export const IOSQE_ASYNC_BIT = 4;
export const IOSQE_BUFFER_SELECT_BIT = 5;
export const IOSQE_CQE_SKIP_SUCCESS_BIT = 6;

export const IOSQE_FIXED_FILE = 1 << IOSQE_FIXED_FILE_BIT;
export const IOSQE_IO_DRAIN = 1 << IOSQE_IO_DRAIN_BIT;
export const IOSQE_IO_LINK = 1 << IOSQE_IO_LINK_BIT;
export const IOSQE_IO_HARDLINK = 1 << IOSQE_IO_HARDLINK_BIT;
export const IOSQE_ASYNC = 1 << IOSQE_ASYNC_BIT;
export const IOSQE_BUFFER_SELECT = 1 << IOSQE_BUFFER_SELECT_BIT;
export const IOSQE_CQE_SKIP_SUCCESS = 1 << IOSQE_CQE_SKIP_SUCCESS_BIT;
/** Every defined sqe.flags bit; bit 7 is undefined and rejected by io_init_req. */
export const SQE_VALID_FLAGS =
  IOSQE_FIXED_FILE | IOSQE_IO_DRAIN | IOSQE_IO_LINK | IOSQE_IO_HARDLINK | IOSQE_ASYNC | IOSQE_BUFFER_SELECT | IOSQE_CQE_SKIP_SUCCESS;

/** io_uring_params.flags (IORING_SETUP_*). */
export const IORING_SETUP_IOPOLL = 1 << 0;
export const IORING_SETUP_SQPOLL = 1 << 1;
export const IORING_SETUP_CLAMP = 1 << 4;
export const IORING_SETUP_SUBMIT_ALL = 1 << 7;
export const IORING_SETUP_COOP_TASKRUN = 1 << 8;
export const IORING_SETUP_SINGLE_ISSUER = 1 << 12;
export const IORING_SETUP_NO_SQARRAY = 1 << 16;
/** The series' setup flag (patch 2/5); a 6.18 kernel refuses bit 20 at io_uring_setup. */
export const IORING_SETUP_BPF = 1 << 20;
/** IORING_FEAT_BPF (patch 2/5). */
export const IORING_FEAT_BPF = 1 << 18;

/** Opcodes used by the specs (enum io_uring_op). */
export const IORING_OP_NOP = 0;
export const IORING_OP_READ_FIXED = 4;
export const IORING_OP_WRITE_FIXED = 5;
export const IORING_OP_READ = 22;
export const IORING_OP_WRITE = 23;
export const IORING_OP_PIPE = 62;
export const IORING_OP_URING_CMD128 = 64;
/** Counted after IORING_OP_URING_CMD128 = 64 (SPEC-NOTES section 2: value counted, not quoted). */
export const IORING_OP_BPF = 65;

/** Registered buffer i lives here on every backend (exec protocol, canonical addresses). */
export const CANONICAL_BUF_BASE = 0x200000000000n;
export const CANONICAL_BUF_STRIDE = 0x100000n;
/** The largest registered buffer a context may ask for (one canonical stride). */
export const MAX_BUF_SIZE = 0x100000;
/** IORING_MAX_REG_BUFFERS: the kernel's limit on a registered buffer table. */
export const IORING_MAX_REG_BUFFERS = 1 << 14;

/** Address of registered buffer i. */
export function canonicalBufAddr(i: number): bigint {
  return CANONICAL_BUF_BASE + BigInt(i) * CANONICAL_BUF_STRIDE;
}
