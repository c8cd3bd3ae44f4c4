/**
 * The reference model of the fixed-buf specs (fixed-buf@6.15, fixed-buf@7.2): the version's generic layer, rw prep, then issue (file,
 * buffer, io_rw_init_file, transfer) in the kernel's order; the first failing rule decides.
 * Pure: (SQE, ring context) -> outcome with rule id and, on success, the byte count.
 *
 * Assumptions about the world the cases run in (the exec protocol's, docs/exec-protocol.md):
 * - fd 100 is a regular file of SCRATCH_SIZE bytes opened read-write without O_DIRECT, and its
 *   size is restored after every case, so a read's byte count depends only on off and len;
 * - registered buffer i is bufSize bytes at canonicalBufAddr(i);
 * - plain READ/WRITE get memory that is mapped and writable: the spec keeps their range inside a
 *   canonical buffer slot (fixedBufDomain), where the cases' contexts register buffers and the
 *   kernel adapter maps memory from the start; a fault on unmapped memory is not modelled;
 * - no context registers files, provides buffers to a group, or registers restrictions;
 * - the process may use every ioprio class but RT (which needs CAP_SYS_ADMIN or CAP_SYS_NICE), so
 *   the domain leaves RT out.
 */
import {
  CANONICAL_BUF_BASE,
  CANONICAL_BUF_STRIDE,
  canonicalBufAddr,
  IORING_OP_READ,
  IORING_OP_READ_FIXED,
  IORING_OP_WRITE_FIXED,
  IORING_SETUP_IOPOLL,
  IOSQE_BUFFER_SELECT,
  IOSQE_FIXED_FILE,
  MAX_BUF_SIZE,
} from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import type { FixedBufRuleId } from '../spec/fixed-buf-6.15/rules.js';
import { opDefOf, type MainlineVersion } from '../spec/mainline-version.js';
import type { SpecDefinition } from '../spec/rule.js';
import {
  IOPRIO_CLASS_NONE,
  IOPRIO_CLASS_RT,
  IOPRIO_CLASS_SHIFT,
  IOPRIO_LEVEL_MASK,
  IORING_RW_ATTR_FLAG_PI,
  isClosedFd,
  RWF_HIPRI,
  RWF_SUPPORTED_6_18,
  RWF_UNMODELLED,
  SCRATCH_FD,
  SCRATCH_SIZE,
  USER_PTR_MAX,
  RW_OFF_FILE_POSITION,
  scratchOffset,
} from '../spec/mainline-constants.js';
import type { Sqe } from '../spec/sqe-layout.js';
import { genericCheck } from './generic-layer.js';
import { unobservedRes } from './nop.js';
import type { ModelOutcome } from './outcome.js';
import { verdict } from './verdict.js';
import { ringSetupDomain } from './ring-domain.js';
import { opNames } from './nop.js';

/** Offsets up to 1 MiB reach every boundary of the 64 KiB file; far larger ones meet filesystem limits (-EFBIG) the spec does not model. */
export const FIXED_BUF_MAX_OFF = 1n << 20n;
/** Canonical buffer slots plain READ/WRITE may use (the kernel adapter maps 64 slots at start). */
export const PLAIN_RW_SLOTS = 64;

/** READ_FIXED or WRITE_FIXED: the ops that import a registered buffer. */
export function isFixedOp(op: number): boolean {
  return op === IORING_OP_READ_FIXED || op === IORING_OP_WRITE_FIXED;
}

/** Whether ioprio_check_cap refuses the value: class 4-7, or class none with a level. */
export function ioprioInvalid(ioprio: number): boolean {
  const ioClass = ioprio >> IOPRIO_CLASS_SHIFT;
  return ioClass >= 4 || (ioClass === IOPRIO_CLASS_NONE && (ioprio & IOPRIO_LEVEL_MASK) !== 0);
}

/** Whether [addr, addr + len) lies inside one canonical buffer slot of the first PLAIN_RW_SLOTS. */
function insideSlot(addr: bigint, len: number): boolean {
  if (addr < CANONICAL_BUF_BASE) return false;
  const slot = (addr - CANONICAL_BUF_BASE) / CANONICAL_BUF_STRIDE;
  if (slot >= BigInt(PLAIN_RW_SLOTS)) return false;
  return addr + BigInt(len) <= canonicalBufAddr(Number(slot)) + BigInt(MAX_BUF_SIZE);
}

/** MAX_RW_COUNT (INT_MAX & PAGE_MASK): import_ubuf clamps a longer len to it before access_ok. */
const MAX_RW_COUNT = 0x7ffff000;

/** access_ok(addr, len) as import_ubuf asks it: the range ends at or below USER_PTR_MAX without wrapping. */
export function userRangeOk(addr: bigint, len: number): boolean {
  const end = addr + BigInt(Math.min(len, MAX_RW_COUNT));
  return end <= USER_PTR_MAX && end < 1n << 64n;
}

/** null when fixed-buf version `v` describes the SQE; else what puts it outside. */
export function fixedBufDomain(v: MainlineVersion<FixedBufRuleId>): (sqe: Sqe, ctx?: RingContext) => string | null {
  return (sqe, ctx) => domainOf(v, sqe, ctx);
}

function domainOf(v: MainlineVersion<FixedBufRuleId>, sqe: Sqe, ctx?: RingContext): string | null {
  const ring = ringSetupDomain(ctx);
  if (ring) return ring;
  const op = sqe.opcode;
  if (op >= v.layer.opLast) return null;
  if (!v.ops[op]) return `opcode ${op} is outside ${v.definition.id}, which describes ${opNames(v)} and invalid opcodes (>= ${v.layer.opLast})`;
  if (!(sqe.flags & IOSQE_FIXED_FILE) && sqe.fd !== SCRATCH_FD && !isClosedFd(sqe.fd)) {
    return `fd ${sqe.fd}: only the scratch file (fd ${SCRATCH_FD}) and descriptors no implementation has open (negative, >= 9999) are described`;
  }
  if ((sqe.op_flags >>> 0) & RWF_UNMODELLED) return `rw_flags 0x${(sqe.op_flags >>> 0).toString(16)}: of the defined RWF_* flags only RWF_HIPRI is modelled (sync, nowait, append, atomic, dontcache, nosignal are not)`;
  if (sqe.pad2 === IORING_RW_ATTR_FLAG_PI) return 'attr_type_mask = IORING_RW_ATTR_FLAG_PI: the PI attribute (attr_ptr in addr3) is not modelled';
  if (sqe.off >= FIXED_BUF_MAX_OFF && sqe.off !== RW_OFF_FILE_POSITION) return `off 0x${sqe.off.toString(16)}: offsets from 1 MiB up are not modelled (other than -1, the file position; negative ones and filesystem limits are other errors)`;
  if (sqe.ioprio >> IOPRIO_CLASS_SHIFT === IOPRIO_CLASS_RT) return `ioprio 0x${sqe.ioprio.toString(16)}: the RT class depends on the process's privileges (CAP_SYS_ADMIN / CAP_SYS_NICE)`;
  // a range past the user address range is refused at prep whatever memory is there: in the domain
  if (!isFixedOp(op) && !(sqe.flags & IOSQE_BUFFER_SELECT) && sqe.len > 0 && !insideSlot(sqe.addr, sqe.len) && userRangeOk(sqe.addr, sqe.len)) {
    return `plain ${v.ops[op]!.name} of [0x${sqe.addr.toString(16)}, +${sqe.len}): only memory inside a canonical buffer slot (0x${CANONICAL_BUF_BASE.toString(16)} + i * 0x${CANONICAL_BUF_STRIDE.toString(16)}, i < ${PLAIN_RW_SLOTS}, ${MAX_BUF_SIZE} bytes) is described`;
  }
  return null;
}

/** The registered-buffer import of READ_FIXED/WRITE_FIXED (io_import_reg_buf), or null when it succeeds. */
function importRule(sqe: Sqe, ctx: RingContext): FixedBufRuleId | null {
  if (ctx.nrBufs === 0) return 'fixed.import.empty-table';
  if (sqe.buf_index >= ctx.nrBufs) return 'fixed.import.index-out-of-range';
  const start = canonicalBufAddr(sqe.buf_index);
  // validate_fixed_range: the sum is computed in u64 with an overflow check, so a plain compare of exact integers is the same
  if (sqe.addr < start || sqe.addr + BigInt(sqe.len) > start + BigInt(ctx.bufSize)) return 'fixed.import.outside-buffer';
  return null;
}

/** Bytes a read of len at off gets from the scratch file. */
export function scratchReadBytes(offset: bigint, len: number): number {
  const off = scratchOffset(offset);
  if (off >= BigInt(SCRATCH_SIZE)) return 0;
  return Math.min(len, SCRATCH_SIZE - Number(off));
}

/**
 * The outcome of a transfer of `bytes` bytes. A short transfer (fewer bytes than len: a read at or
 * across EOF) is a failure as far as the request's flags go (__io_complete_rw_common calls
 * req_set_fail, which drops CQE_SKIP_SUCCESS), so it is posted even under CQE_SKIP_SUCCESS; a
 * full one under CQE_SKIP_SUCCESS posts nothing, so its count is not observable (unobservedRes).
 */
function transferred(spec: SpecDefinition<FixedBufRuleId>, rule: FixedBufRuleId, sqe: Sqe, bytes: number): ModelOutcome {
  const o = verdict(spec, rule, sqe, bytes);
  if (!o.posted && bytes < sqe.len) return { ...o, posted: true };
  return unobservedRes(o);
}

/** The outcome of one SQE in one ring context under fixed-buf version `v`. */
export function fixedBufModel(v: MainlineVersion<FixedBufRuleId>): (sqe: Sqe, ctx: RingContext) => ModelOutcome {
  return (sqe, ctx) => outcomeOf(v, sqe, ctx);
}

function outcomeOf(v: MainlineVersion<FixedBufRuleId>, sqe: Sqe, ctx: RingContext): ModelOutcome {
  const spec = v.definition;
  const op = sqe.opcode;
  const generic = genericCheck(v.layer, sqe, ctx, (o) => opDefOf(v, o));
  if (generic) return verdict(spec, generic, sqe);

  // prep (__io_prep_rw): ioprio, then attr_type_mask; the PI attribute (1) is outside the domain
  if (sqe.ioprio !== 0 && ioprioInvalid(sqe.ioprio)) return verdict(spec, 'rw.ioprio.invalid', sqe);
  if (sqe.pad2 !== 0n && sqe.pad2 !== IORING_RW_ATTR_FLAG_PI) return verdict(spec, 'rw.attr.unsupported', sqe);

  // prep imports a plain READ/WRITE's user buffer (import_ubuf); a selected buffer comes later
  if (!isFixedOp(op) && !(sqe.flags & IOSQE_BUFFER_SELECT) && !userRangeOk(sqe.addr, sqe.len)) return verdict(spec, 'rw.import.bad-address', sqe);

  // issue: io_assign_file, before the op's issue function
  if (sqe.flags & IOSQE_FIXED_FILE) return verdict(spec, 'rw.file.fixed-no-table', sqe);
  if (sqe.fd !== SCRATCH_FD) return verdict(spec, 'rw.file.not-open', sqe);

  // the buffer: READ_FIXED/WRITE_FIXED import it first thing; READ selects one from its group
  if (isFixedOp(op)) {
    const bad = importRule(sqe, ctx);
    if (bad) return verdict(spec, bad, sqe);
  } else if (op === IORING_OP_READ && sqe.flags & IOSQE_BUFFER_SELECT) {
    return verdict(spec, 'rw.read.buffer-select.no-buffers', sqe);
  }

  // io_rw_init_file: kiocb_set_rw_flags, then the IOPOLL / HIPRI checks
  const rwFlags = sqe.op_flags >>> 0;
  if (rwFlags & ~RWF_SUPPORTED_6_18) return verdict(spec, 'rw.flags.unknown', sqe);
  if (ctx.setupFlags & IORING_SETUP_IOPOLL) return verdict(spec, 'rw.iopoll.buffered-file', sqe);
  if (rwFlags & RWF_HIPRI) return verdict(spec, 'rw.flags.hipri-no-iopoll', sqe);

  if (op === IORING_OP_READ_FIXED) return transferred(spec, 'fixed.read.ok', sqe, scratchReadBytes(sqe.off, sqe.len));
  if (op === IORING_OP_WRITE_FIXED) return transferred(spec, 'fixed.write.ok', sqe, sqe.len);
  if (op === IORING_OP_READ) return transferred(spec, 'rw.read.ok', sqe, scratchReadBytes(sqe.off, sqe.len));
  return transferred(spec, 'rw.write.ok', sqe, sqe.len);
}
