/**
 * Mainline kernel constants the nop@6.18 and fixed-buf@6.15 specs speak of, by their kernel names
 * (include/uapi/linux/io_uring.h, include/uapi/linux/fs.h, include/uapi/linux/ioprio.h as of
 * Linux 6.18), and the exec protocol's scratch-file convention. spec/constants.ts keeps the
 * names every spec shares; this file holds the ones only the mainline specs need.
 */
import type { BitFieldDef } from './bpf-op-flags.js';

/** IORING_OP_LAST on Linux 6.18: IORING_OP_PIPE = 62 is the last op (probe: last_op 62). */
export const IORING_OP_LAST_6_18 = 63;
/** IORING_OP_LAST on Linux 7.2: IORING_OP_NOP128 = 63 and IORING_OP_URING_CMD128 = 64 follow PIPE (include/uapi/linux/io_uring.h, 7.2.13). */
export const IORING_OP_LAST_7_2 = 65;
/** IORING_OP_NOP128 (Linux 7.2): IORING_OP_NOP in a 128-byte SQE; the same prep and issue (io_nop_prep, io_nop). */
export const IORING_OP_NOP128 = 63;

/** 128-byte SQEs: the ring a 128-byte op (IORING_OP_NOP128) needs; a 64-byte case fills the first half. */
export const IORING_SETUP_SQE128 = 1 << 10;
/** A 64-byte SQ whose entries may hold 128-byte ops in two slots (Linux 7.2): outside the specs' domains. */
export const IORING_SETUP_SQE_MIXED = 1 << 19;

/** io_uring_params.flags bits the mainline specs use besides spec/constants.ts's. */
export const IORING_SETUP_CQE32 = 1 << 11;
/** 6.18: a ring whose CQ holds 16- and 32-byte CQEs side by side; NOP's CQE32 flag accepts it too. */
export const IORING_SETUP_CQE_MIXED = 1 << 18;

/** nop_flags (the u32 at offset 28 for IORING_OP_NOP), bit numbers. */
export const IORING_NOP_INJECT_RESULT_BIT = 0;
export const IORING_NOP_FILE_BIT = 1;
export const IORING_NOP_FIXED_FILE_BIT = 2;
export const IORING_NOP_FIXED_BUFFER_BIT = 3;
export const IORING_NOP_TW_BIT = 4;
export const IORING_NOP_CQE32_BIT = 5;

export const IORING_NOP_INJECT_RESULT = 1 << IORING_NOP_INJECT_RESULT_BIT;
export const IORING_NOP_FILE = 1 << IORING_NOP_FILE_BIT;
export const IORING_NOP_FIXED_FILE = 1 << IORING_NOP_FIXED_FILE_BIT;
export const IORING_NOP_FIXED_BUFFER = 1 << IORING_NOP_FIXED_BUFFER_BIT;
export const IORING_NOP_TW = 1 << IORING_NOP_TW_BIT;
export const IORING_NOP_CQE32 = 1 << IORING_NOP_CQE32_BIT;

/**
 * nop_flags as a bit table (one bit each, then the undefined rest); the mask of defined flags
 * (NOP_FLAGS in io_uring/nop.c) is derived from it.
 */
export const NOP_FLAGS_LAYOUT = [
  { name: 'inject_result', shift: IORING_NOP_INJECT_RESULT_BIT, width: 1, doc: 'IORING_NOP_INJECT_RESULT: res = (s32)sqe.len' },
  { name: 'file', shift: IORING_NOP_FILE_BIT, width: 1, doc: 'IORING_NOP_FILE: look up sqe.fd as a file at issue' },
  { name: 'fixed_file', shift: IORING_NOP_FIXED_FILE_BIT, width: 1, doc: 'IORING_NOP_FIXED_FILE: with FILE, sqe.fd indexes the fixed-file table' },
  { name: 'fixed_buffer', shift: IORING_NOP_FIXED_BUFFER_BIT, width: 1, doc: 'IORING_NOP_FIXED_BUFFER: look up registered buffer sqe.buf_index at issue' },
  { name: 'tw', shift: IORING_NOP_TW_BIT, width: 1, doc: 'IORING_NOP_TW: complete through task work' },
  { name: 'cqe32', shift: IORING_NOP_CQE32_BIT, width: 1, doc: 'IORING_NOP_CQE32: post a 32-byte CQE (off, addr as extra1, extra2); needs a CQE32 or CQE_MIXED ring' },
  { name: 'undefined', shift: 6, width: 26, doc: 'undefined on 6.18: any set bit makes io_nop_prep fail with -EINVAL' },
] as const satisfies readonly BitFieldDef[];

/** NOP_FLAGS: every nop_flags bit 6.18 defines. */
export const NOP_FLAGS_6_18 = NOP_FLAGS_LAYOUT.filter((f) => f.name !== 'undefined').reduce((m, f) => m | (((2 ** f.width - 1) << f.shift) >>> 0), 0);

/** RWF_* (the rw_flags u32 at offset 28 for read/write ops), include/uapi/linux/fs.h. */
export const RWF_HIPRI = 0x00000001;
export const RWF_DSYNC = 0x00000002;
export const RWF_SYNC = 0x00000004;
export const RWF_NOWAIT = 0x00000008;
export const RWF_APPEND = 0x00000010;
export const RWF_NOAPPEND = 0x00000020;
export const RWF_ATOMIC = 0x00000040;
export const RWF_DONTCACHE = 0x00000080;
/** Added in 6.16: observed known (accepted) on 6.18.44, so bit 8 is not an "unknown" bit there. */
export const RWF_NOSIGNAL = 0x00000100;
/** RWF_SUPPORTED on 6.18: bits 0-8. Any other bit gives -EOPNOTSUPP. */
export const RWF_SUPPORTED_6_18 = 0x000001ff;
/** The defined flags the mainline specs leave out (sync, nowait, append, atomic, ...): only HIPRI is modelled. */
export const RWF_UNMODELLED = RWF_SUPPORTED_6_18 & ~RWF_HIPRI;

/** attr_type_mask (bytes 56..63) values: only the PI attribute exists. */
export const IORING_RW_ATTR_FLAG_PI = 1n;

/** sqe.ioprio = class << 13 | hint << 3 | level (include/uapi/linux/ioprio.h). */
export const IOPRIO_CLASS_SHIFT = 13;
export const IOPRIO_LEVEL_MASK = 0x7;
export const IOPRIO_CLASS_NONE = 0;
export const IOPRIO_CLASS_RT = 1;
export const IOPRIO_CLASS_BE = 2;
export const IOPRIO_CLASS_IDLE = 3;

/** ioprio = class << 13 | hint << 3 | level. */
export function ioprioValue(ioClass: number, level: number, hint = 0): number {
  return ((ioClass << IOPRIO_CLASS_SHIFT) | (hint << 3) | level) & 0xffff;
}

/** The scratch file of the exec protocol: open at this fd on every backend that offers one. */
export const SCRATCH_FD = 100;
/** Its size in bytes, restored by the adapter after each case. */
export const SCRATCH_SIZE = 65536;

/**
 * Descriptors no implementation has open: negative numbers never are, 0x7fffffff is above any
 * RLIMIT_NOFILE, and 9999 is far above what an adapter holds (the kernel hands out the lowest
 * free number; the kernel adapter keeps fewer than a hundred open). Small numbers other than
 * SCRATCH_FD (0-2, ring descriptors) may well be open, so no spec generates them.
 */
export const CLOSED_FDS = [-1, 9999, 0x7fffffff, -0x80000000] as const;

/** Whether fd is certainly not open in an implementation (see CLOSED_FDS). */
export function isClosedFd(fd: number): boolean {
  return fd < 0 || fd >= 9999;
}

/**
 * The top of the user address range (USER_PTR_MAX, what access_ok compares against) on x86-64
 * with 4-level page tables, as on Linux 6.18.44 here: a plain READ/WRITE of len 0 at this address
 * is accepted, one byte above is -EFAULT. 5-level paging raises it to 0xfffffffffff000.
 */
export const USER_PTR_MAX = 0x7ffffffff000n;

/** sqe.off = -1 (u64 all ones): I/O at the file's position, which then advances. */
export const RW_OFF_FILE_POSITION = (1n << 64n) - 1n;

/**
 * The offset I/O at `off` starts at on the scratch file. -1 means its position, and the exec
 * protocol puts that at 0 when every case starts (docs/exec-protocol.md, "Scratch file"), so -1 is
 * as deterministic as any offset: the start of the file.
 */
export function scratchOffset(off: bigint): bigint {
  return off === RW_OFF_FILE_POSITION ? 0n : off;
}
