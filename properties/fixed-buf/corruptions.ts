/**
 * One corruption per failure rule of a fixed-buf version: each takes a valid case and breaks exactly that
 * rule, touching only the fields of its slot (disjoint between slots), for the opcodes it means
 * something for (import rules: READ_FIXED/WRITE_FIXED; buffer selection: READ supports it, the
 * others reject it generically).
 */
import fc from 'fast-check';
import {
  canonicalBufAddr,
  IORING_OP_READ,
  IORING_OP_READ_FIXED,
  IORING_OP_WRITE,
  IORING_OP_WRITE_FIXED,
  IORING_SETUP_IOPOLL,
  IOSQE_BUFFER_SELECT,
  IOSQE_FIXED_FILE,
} from '../../spec/constants.js';
import { ioprioValue, IOPRIO_CLASS_NONE, RWF_HIPRI, RWF_SUPPORTED_6_18, USER_PTR_MAX } from '../../spec/mainline-constants.js';
import type { Case } from '../case.js';
import { boundedInt } from '../arbitraries/values.js';
import { corruptionsFor, type Corruption } from '../common/corruption-kit.js';
import type { FixedBufRuleId } from '../../spec/fixed-buf-6.15/rules.js';
import { pastTableParam, withIndexPastTable } from '../common/table-index.js';
import { genericCorruptions } from '../common/generic-corruptions.js';
import type { MainlineVersion } from '../../spec/mainline-version.js';
import { closedFd } from '../mainline/safe-values.js';

const FIXED_OPS = [IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED] as const;

/**
 * Addresses past the top of the user range (USER_PTR_MAX, 0x7ffffffff000): the first one, the end
 * of that page, the start of the non-canonical hole, the sign bit, the kernel half, the top.
 * With len 0 they stay in the domain (a longer range must lie in a canonical buffer slot).
 */
const PAST_USER_RANGE = [USER_PTR_MAX + 1n, 0x7fffffffffffn, 0x800000000000n, 1n << 63n, 0xffff800000000000n, (1n << 64n) - 1n] as const;

/** ioprio_check_cap refuses: class 0 with a level 1-7 (hint bits free), or class 4-7 with anything. */
export const invalidIoprio: fc.Arbitrary<number> = fc.oneof(
  fc.record({ level: fc.integer({ min: 1, max: 7 }), hint: fc.integer({ min: 0, max: 0x3ff }) }).map(({ level, hint }) => ioprioValue(IOPRIO_CLASS_NONE, level, hint)),
  fc.record({ cls: fc.integer({ min: 4, max: 7 }), low: fc.integer({ min: 0, max: 0x1fff }) }).map(({ cls, low }) => ((cls << 13) | low) & 0xffff),
  fc.constantFrom(1, 7, 0x8000, 7 << 13, 0xffff),
);

/**
 * attr_type_mask values other than 0 and PI (1): 2, the observation's 0x80, anything up to 2^53,
 * and (encoded as -1 / -2, since a param is a number) the top bit alone and all ones.
 */
const badAttrMask: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(2, 0x80, -1, -2), fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }));
const attrValue = (p: number): bigint => (p === -1 ? 1n << 63n : p === -2 ? (1n << 64n) - 1n : BigInt(p));

/** rw_flags bits outside RWF_SUPPORTED: one bit (9 is the first, 31 the sign bit), all of them, or any pattern. */
const unknownRwBits = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 9, max: 31 }).map((b) => (1 << b) >>> 0) },
  { weight: 1, arbitrary: fc.constantFrom(1 << 9, 0x80000000, ~RWF_SUPPORTED_6_18 >>> 0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x7fffff }).map((x) => (x << 9) >>> 0) },
);

/** The registered buffer a fixed case's range is in, and its bounds. */
function bufferOf(c: Case): { start: bigint; end: bigint } {
  const start = canonicalBufAddr(c.sqe.buf_index);
  return { start, end: start + BigInt(c.ctx.bufSize) };
}

/**
 * Ways out of the buffer, all -EFAULT: one byte below its start, ending one byte past its end,
 * empty one byte past its end, longer than the buffer, inside the next buffer's slot, address 0,
 * and an address whose end overflows 64 bits.
 */
function outside(c: Case, how: number): Case {
  const { start, end } = bufferOf(c);
  const size = c.ctx.bufSize;
  let addr = c.sqe.addr;
  let len = c.sqe.len;
  switch (how % 7) {
    case 0:
      addr = start - 1n;
      break;
    case 1:
      len = Math.max(len, 1);
      addr = end - BigInt(len) + 1n;
      break;
    case 2:
      addr = end + 1n;
      len = 0;
      break;
    case 3:
      addr = start;
      len = size + 1;
      break;
    case 4:
      addr = canonicalBufAddr(c.sqe.buf_index + 1);
      len = Math.max(len, 1);
      break;
    case 5:
      addr = 0n;
      break;
    case 6:
      addr = (1n << 64n) - 1n;
      len = Math.max(len, 1);
      break;
  }
  return { ...c, sqe: { ...c.sqe, addr, len } };
}

/** Every corruption of fixed-buf version `v`, in check order of the rule it breaks. */
export function fixedBufCorruptions(v: MainlineVersion<FixedBufRuleId>): readonly Corruption<FixedBufRuleId>[] {
  return [...genericCorruptions(v.layer, { bufferSelectOps: [IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED, IORING_OP_WRITE], ioprioRejected: false, iopollRejected: false }), ...RW_CORRUPTIONS];
}

/** The corruptions of the rw ops' own rules. */
const RW_CORRUPTIONS: readonly Corruption<FixedBufRuleId>[] = [
  { rule: 'rw.ioprio.invalid', slot: 'ioprio', param: invalidIoprio, apply: (c, p) => ({ ...c, sqe: { ...c.sqe, ioprio: p } }) },
  { rule: 'rw.attr.unsupported', slot: 'attr', param: badAttrMask, apply: (c, p) => ({ ...c, sqe: { ...c.sqe, pad2: attrValue(p) } }) },
  { rule: 'rw.file.fixed-no-table', slot: 'file', param: fc.constant(IOSQE_FIXED_FILE), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }) },
  { rule: 'rw.file.not-open', slot: 'file', param: closedFd, apply: (c, fd) => ({ ...c, sqe: { ...c.sqe, fd, flags: c.sqe.flags & ~IOSQE_FIXED_FILE } }) },
  {
    rule: 'rw.read.buffer-select.no-buffers',
    slot: 'buffer-select',
    ops: [IORING_OP_READ],
    // the buffer group to select from: none is ever provided
    param: boundedInt(0, 0xffff),
    apply: (c, group) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | IOSQE_BUFFER_SELECT, buf_index: group } }),
  },
  {
    rule: 'rw.import.bad-address',
    // the same slot as BUFFER_SELECT: a selected buffer skips the import, so the two never combine
    slot: 'buffer-select',
    ops: [IORING_OP_READ, IORING_OP_WRITE],
    param: fc.integer({ min: 0, max: PAST_USER_RANGE.length - 1 }),
    apply: (c, i) => ({ ...c, sqe: { ...c.sqe, addr: PAST_USER_RANGE[i]!, len: 0, flags: c.sqe.flags & ~IOSQE_BUFFER_SELECT } }),
  },
  { rule: 'fixed.import.empty-table', slot: 'import', ops: FIXED_OPS, param: fc.constant(0), apply: (c) => ({ ...c, ctx: { ...c.ctx, nrBufs: 0 } }) },
  {
    rule: 'fixed.import.index-out-of-range',
    slot: 'import',
    ops: FIXED_OPS,
    param: pastTableParam,
    // valid cases always have a table here (nrBufs >= 1), so the table stays as it is
    apply: withIndexPastTable,
  },
  { rule: 'fixed.import.outside-buffer', slot: 'import', ops: FIXED_OPS, param: fc.integer({ min: 0, max: 6 }), apply: outside },
  { rule: 'rw.flags.unknown', slot: 'rw-flags', param: unknownRwBits, apply: (c, bits) => ({ ...c, sqe: { ...c.sqe, op_flags: (c.sqe.op_flags | bits) >>> 0 } }) },
  { rule: 'rw.iopoll.buffered-file', slot: 'iopoll', param: fc.constant(IORING_SETUP_IOPOLL), apply: (c, f) => ({ ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags | f) >>> 0 } }) },
  { rule: 'rw.flags.hipri-no-iopoll', slot: 'hipri', param: fc.constant(RWF_HIPRI), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, op_flags: (c.sqe.op_flags | b) >>> 0 } }) },
];

/** The corruption(s) of fixed-buf version `v` for a rule id. */
export function fixedBufCorruptionsFor(v: MainlineVersion<FixedBufRuleId>, rule: FixedBufRuleId): Corruption<FixedBufRuleId>[] {
  return corruptionsFor(fixedBufCorruptions(v), rule);
}
