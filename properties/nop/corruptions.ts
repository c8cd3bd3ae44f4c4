/**
 * One corruption per failure rule of a nop version: each takes a valid case and breaks exactly that rule,
 * touching only the fields of its slot (disjoint between slots), so any set of them, one per slot,
 * can be applied together and the first rule in check order must decide.
 */
import fc from 'fast-check';
import { IOSQE_FIXED_FILE } from '../../spec/constants.js';
import {
  IORING_NOP_CQE32,
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_SETUP_CQE32,
  NOP_FLAGS_6_18,
} from '../../spec/mainline-constants.js';
import type { Case } from '../case.js';
import { corruptionsFor, type Corruption } from '../common/corruption-kit.js';
import type { NopRuleId } from '../../spec/nop-6.18/rules.js';
import { pastTableParam, withIndexPastTable } from '../common/table-index.js';
import { genericCorruptions } from '../common/generic-corruptions.js';
import { ops128, type MainlineVersion } from '../../spec/mainline-version.js';
import { closedFd } from '../mainline/safe-values.js';

const withOpFlags = (c: Case, set: number, clear = 0): Case => ({ ...c, sqe: { ...c.sqe, op_flags: ((c.sqe.op_flags & ~clear) | set) >>> 0 } });

/** Undefined nop_flags: one bit (6 is next to CQE32, 31 the sign bit), all of them, or any pattern. */
const undefinedBits = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 6, max: 31 }).map((b) => (1 << b) >>> 0) },
  { weight: 1, arbitrary: fc.constantFrom((1 << 6) >>> 0, 0x80000000, ~NOP_FLAGS_6_18 >>> 0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x3ffffff }).map((x) => (x << 6) >>> 0) },
);

/** Every corruption of nop version `v`, in check order of the rule it breaks. */
export function nopCorruptions(v: MainlineVersion<NopRuleId>): readonly Corruption<NopRuleId>[] {
  return [...genericCorruptions(v.layer, { bufferSelectOps: undefined, ioprioRejected: true, iopollRejected: false, ops128: ops128(v) }), ...NOP_OWN_CORRUPTIONS];
}

/** The corruptions of io_nop_prep's and io_nop's rules. */
const NOP_OWN_CORRUPTIONS: readonly Corruption<NopRuleId>[] = [
  { rule: 'nop.flags.undefined', slot: 'nop-undefined', param: undefinedBits, apply: (c, bits) => withOpFlags(c, bits) },
  {
    rule: 'nop.cqe32.ring',
    slot: 'cqe32',
    param: fc.constant(0),
    apply: (c) => {
      const w = withOpFlags(c, IORING_NOP_CQE32);
      return { ...w, ctx: { ...w.ctx, setupFlags: (w.ctx.setupFlags & ~IORING_SETUP_CQE32) >>> 0 } };
    },
  },
  {
    rule: 'nop.file.fixed-no-table',
    slot: 'file',
    // 0: IORING_NOP_FIXED_FILE, 1: IOSQE_FIXED_FILE, 2: both; the fd is an index into an empty table, fd 100 included
    param: fc.integer({ min: 0, max: 2 }),
    apply: (c, how) => {
      const w = withOpFlags(c, IORING_NOP_FILE | (how !== 1 ? IORING_NOP_FIXED_FILE : 0));
      return { ...w, sqe: { ...w.sqe, flags: how !== 0 ? w.sqe.flags | IOSQE_FIXED_FILE : w.sqe.flags } };
    },
  },
  {
    rule: 'nop.file.not-open',
    slot: 'file',
    param: closedFd,
    apply: (c, fd) => {
      const w = withOpFlags(c, IORING_NOP_FILE, IORING_NOP_FIXED_FILE);
      return { ...w, sqe: { ...w.sqe, fd, flags: w.sqe.flags & ~IOSQE_FIXED_FILE } };
    },
  },
  {
    rule: 'nop.fixed-buffer.empty-table',
    slot: 'fixed-buffer',
    param: fc.integer({ min: 0, max: 0xffff }),
    apply: (c, index) => {
      const w = withOpFlags(c, IORING_NOP_FIXED_BUFFER);
      return { sqe: { ...w.sqe, buf_index: index }, ctx: { ...w.ctx, nrBufs: 0 } };
    },
  },
  {
    rule: 'nop.fixed-buffer.index-out-of-range',
    slot: 'fixed-buffer',
    param: pastTableParam,
    apply: (c, p) => withIndexPastTable(withOpFlags(c, IORING_NOP_FIXED_BUFFER), p),
  },
];

/** The corruption(s) of nop version `v` for a rule id. */
export function nopCorruptionsFor(v: MainlineVersion<NopRuleId>, rule: NopRuleId): Corruption<NopRuleId>[] {
  return corruptionsFor(nopCorruptions(v), rule);
}
