/**
 * prog-bits-ignored: in a version whose low 24 bits of bpf_op_flags belong to the program
 * (V1 patches 1-3, V2, V3), rewriting them never changes the outcome: the kernel does not read
 * them (the custom-flag and buffer-type checks of V1 patch 4/5 are absent).
 */
import fc from 'fast-check';
import type { Case } from '../case.js';
import { sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';

/** One trial: a case and other low 24 bits for it. */
interface Trial {
  case: Case;
  prog: number;
}

const rewritten = (t: Trial): Case => ({ ...t.case, sqe: { ...t.case.sqe, op_flags: ((t.case.sqe.op_flags & 0xff000000) | t.prog) >>> 0 } });

/** The property over a version's differential mix. */
export function progBitsIgnored(anyCase: fc.Arbitrary<Case>): Property<unknown> {
  return property<Trial>({
    name: 'prog-bits-ignored',
    description: 'the low 24 bits of bpf_op_flags belong to the program: any value there (V1 custom flags and buffer types included) gives the same outcome',
    rules: [],
    arbitrary: fc.record({ case: anyCase, prog: fc.oneof(fc.integer({ min: 0, max: 0xffffff }), fc.constantFrom(1, 0x3ffff, 1 << 21, 0xffffff)) }),
    cases: (t) => [t.case, rewritten(t)],
    check: (t, got) => sameOutcome(t.case, got[0]!, rewritten(t), got[1]!, 'rewriting the low 24 bits of bpf_op_flags'),
  });
}
