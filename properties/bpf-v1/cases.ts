/** The bpf@v1 case mixes the properties draw from. */
import fc from 'fast-check';
import { IORING_OP_BPF } from '../../spec/constants.js';
import { ruleById } from '../../spec/rule.js';
import { BPF_V1, BPF_V1_OP_LAST } from '../../spec/bpf-v1/rules.js';
import type { Case } from '../case.js';
import { anySqe } from '../arbitraries/sqe.js';
import { caseMix } from '../common/case-mix.js';
import { BPF_V1_CORRUPTIONS, corrupted, multiplyCorrupted } from './corruptions.js';
import { nrBufsArb, validBpfCase } from './valid-case.js';

/** Check-order position of a rule. */
export const bpfOrder = (rule: string): number => ruleById(BPF_V1, rule).order;

/** Anything in the spec's domain: opcode 65 or >= 66, every field random, any small context. */
export const wildBpfCase: fc.Arbitrary<Case> = fc
  .record({
    sqe: anySqe,
    invalidOpcode: fc.boolean(),
    setupFlags: fc.constantFrom(0, 1 << 20, (1 << 20) | 1, 1),
    nrBufs: fc.oneof(fc.constant(0), nrBufsArb),
    ops: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }),
    personalities: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => ({
    sqe: { ...r.sqe, opcode: r.invalidOpcode ? Math.max(BPF_V1_OP_LAST, r.sqe.opcode) : IORING_OP_BPF },
    ctx: { setupFlags: r.setupFlags >>> 0, nrBufs: r.nrBufs, bufSize: 4096, ops: [...new Set(r.ops)].sort((a, b) => a - b), personalities: r.personalities },
  }));

/** The differential mix: valid, one rule broken, several broken, and wild cases. */
export const anyBpfCase: fc.Arbitrary<Case> = caseMix({
  valid: validBpfCase,
  oneBroken: corrupted(validBpfCase, BPF_V1_CORRUPTIONS).map((x) => x.case),
  severalBroken: multiplyCorrupted(validBpfCase, bpfOrder).map((x) => x.case),
  wild: wildBpfCase,
});
