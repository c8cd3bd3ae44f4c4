/**
 * One corruption per bpf@v1 rule: each takes a valid case and breaks exactly that rule, touching
 * only the fields of its slot. Corruptions of different slots touch disjoint fields, so any set of
 * them (one per slot) can be applied together, and the first rule in check order must decide.
 *
 * The Corruption type is the shared one (common/corruption-kit.ts; bpf@v1 has one opcode, so no
 * corruption names `ops`). The generators `corrupted` and `multiplyCorrupted` stay here: they
 * predate the kit and compose their arbitraries differently (one valid case, then a pick among the
 * corruptions; the kit draws a valid case per corruption), so the kit's would give other cases for
 * the same seed, and recorded seeds and corpora would no longer replay.
 */
import fc from 'fast-check';
import { decodeBpfOpFlags, encodeBpfOpFlags, type BpfOpFlags } from '../../spec/bpf-op-flags.js';
import { BPF_V1_OP_LAST } from '../../spec/bpf-v1/rules.js';
import { IORING_SETUP_BPF, IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT } from '../../spec/constants.js';
import type { Case } from '../case.js';
import { boundedInt } from '../arbitraries/values.js';
import type { Corruption } from '../common/corruption-kit.js';
import { pastTableParam, withIndexPastTable } from '../common/table-index.js';

export type { Corruption } from '../common/corruption-kit.js';

function withFlags(c: Case, change: (f: BpfOpFlags) => Partial<BpfOpFlags>): Case {
  const f = decodeBpfOpFlags(c.sqe.op_flags);
  return { ...c, sqe: { ...c.sqe, op_flags: encodeBpfOpFlags({ ...f, ...change(f) }) } };
}

/** Custom flags: a single bit (each of 0-17), all 18, or any nonzero pattern. */
const customBits = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 17 }).map((b) => 1 << b) },
  { weight: 1, arbitrary: fc.constant((1 << 18) - 1) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: (1 << 18) - 1 }) },
);

/** Reserved types 3-7, with 3 (next to fixed = 2) and 7 (the mask) favoured. */
const reservedType = boundedInt(3, 7);

/** Every corruption, in check order of the rule it breaks. */
export const BPF_V1_CORRUPTIONS: readonly Corruption[] = [
  {
    rule: 'generic.opcode.invalid',
    slot: 'opcode',
    param: boundedInt(BPF_V1_OP_LAST, 255, [127, 128]),
    apply: (c, op) => ({ ...c, sqe: { ...c.sqe, opcode: op } }),
  },
  { rule: 'generic.flags.undefined', slot: 'flag-bit7', param: fc.constant(0x80), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }) },
  { rule: 'generic.buffer-select.unsupported', slot: 'buffer-select', param: fc.constant(IOSQE_BUFFER_SELECT), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }) },
  { rule: 'generic.ioprio.unsupported', slot: 'ioprio', param: boundedInt(1, 0xffff, [0x8000, 7 << 13]), apply: (c, p) => ({ ...c, sqe: { ...c.sqe, ioprio: p } }) },
  { rule: 'generic.iopoll.unsupported', slot: 'iopoll', param: fc.constant(IORING_SETUP_IOPOLL), apply: (c, f) => ({ ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags | f) >>> 0 } }) },
  {
    rule: 'generic.personality.unregistered',
    slot: 'personality',
    // the first id past the registered ones, one more, and the largest u16
    param: fc.oneof(fc.constantFrom(1, 2, 0xffff), fc.integer({ min: 1, max: 0xffff })),
    apply: (c, p) => ({ ...c, sqe: { ...c.sqe, personality: Math.min(0xffff, c.ctx.personalities + p) } }),
  },
  { rule: 'bpf.setup.missing', slot: 'setup-bpf', param: fc.constant(IORING_SETUP_BPF), apply: (c, f) => ({ ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~f) >>> 0 } }) },
  { rule: 'bpf.custom-flags.set', slot: 'custom', param: customBits, apply: (c, bits) => withFlags(c, () => ({ custom: bits })) },
  {
    rule: 'bpf.buf1.fixed.empty-table',
    slot: 'buf1',
    param: fc.integer({ min: 0, max: 0xffff }),
    apply: (c, index) => {
      const f = withFlags(c, () => ({ buf1_type: 2 }));
      return { sqe: { ...f.sqe, buf_index: index }, ctx: { ...c.ctx, nrBufs: 0 } };
    },
  },
  {
    rule: 'bpf.buf1.fixed.index-out-of-range',
    slot: 'buf1',
    param: pastTableParam,
    apply: (c, p) => withIndexPastTable(withFlags(c, () => ({ buf1_type: 2 })), p),
  },
  { rule: 'bpf.buf1.type.reserved', slot: 'buf1', param: reservedType, apply: (c, t) => withFlags(c, () => ({ buf1_type: t })) },
  { rule: 'bpf.buf2.type.fixed', slot: 'buf2', param: fc.constant(2), apply: (c, t) => withFlags(c, () => ({ buf2_type: t })) },
  { rule: 'bpf.buf2.type.reserved', slot: 'buf2', param: reservedType, apply: (c, t) => withFlags(c, () => ({ buf2_type: t })) },
  {
    rule: 'bpf.op.unregistered',
    slot: 'op',
    param: fc.constant(0),
    apply: (c) => {
      const op = decodeBpfOpFlags(c.sqe.op_flags).op;
      return { ...c, ctx: { ...c.ctx, ops: c.ctx.ops.filter((o) => o !== op) } };
    },
  },
];

/** The corruption(s) for a rule id. */
export function corruptionsFor(rule: string): Corruption[] {
  return BPF_V1_CORRUPTIONS.filter((c) => c.rule === rule);
}

/** A valid case with one of `corruptions` applied (chosen per case; shrinks toward the first). */
export function corrupted(valid: fc.Arbitrary<Case>, corruptions: readonly Corruption[]): fc.Arbitrary<{ case: Case; rule: string }> {
  const pick = fc.oneof(...corruptions.map((c, i) => c.param.map((p) => [i, p] as const)));
  return fc
    .tuple(valid, pick)
    .map(([c, [i, p]]) => ({ case: corruptions[i]!.apply(c, p), rule: corruptions[i]!.rule }));
}

/**
 * A valid case with a random set of corruptions, at most one per slot, and the rule that must
 * decide: the one earliest in check order.
 */
export function multiplyCorrupted(valid: fc.Arbitrary<Case>, order: (rule: string) => number): fc.Arbitrary<{ case: Case; rules: string[]; first: string }> {
  const slots = [...new Set(BPF_V1_CORRUPTIONS.map((c) => c.slot))];
  const perSlot = slots.map((slot) => {
    const options = BPF_V1_CORRUPTIONS.filter((c) => c.slot === slot);
    return fc.option(fc.oneof(...options.map((c) => c.param.map((p) => [c, p] as const))), { freq: 2 });
  });
  return fc.tuple(valid, fc.tuple(...perSlot)).filter(([, picks]) => picks.filter((p) => p !== null).length >= 2).map(([c, picks]) => {
    let out = c;
    const rules: string[] = [];
    for (const p of picks) {
      if (p === null) continue;
      out = p[0].apply(out, p[1]);
      rules.push(p[0].rule);
    }
    const first = rules.reduce((a, b) => (order(b) < order(a) ? b : a));
    return { case: out, rules, first };
  });
}
