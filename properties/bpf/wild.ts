/** Anything in a version's domain: opcode 65 or invalid, every field random, any small context it can hold. */
import fc from 'fast-check';
import { BPF_GENERIC_LAYER, IORING_OP_BPF } from '../../spec/bpf/common.js';
import type { BpfVersion } from '../../spec/bpf/version.js';
import { IORING_SETUP_IOPOLL } from '../../spec/constants.js';
import type { Case } from '../case.js';
import { anySqe } from '../arbitraries/sqe.js';
import { nrBufsArb } from './valid-case.js';

/** Wild cases of `v`. */
export function wildBpfCaseOf(v: BpfVersion): fc.Arbitrary<Case> {
  const flag = v.setupFlag.value;
  return fc
    .record({
      sqe: anySqe,
      invalidOpcode: fc.boolean(),
      setupFlags: fc.constantFrom(0, flag, flag | IORING_SETUP_IOPOLL, IORING_SETUP_IOPOLL),
      nrBufs: fc.oneof(fc.constant(0), nrBufsArb),
      ops: fc.array(fc.integer({ min: 0, max: v.valid.opIdMax }), { maxLength: 8 }),
      personalities: fc.integer({ min: 0, max: 3 }),
    })
    .map((r) => ({
      sqe: { ...r.sqe, opcode: r.invalidOpcode ? Math.max(BPF_GENERIC_LAYER.opLast, r.sqe.opcode) : IORING_OP_BPF },
      ctx: { setupFlags: r.setupFlags >>> 0, nrBufs: r.nrBufs, bufSize: 4096, ops: [...new Set(r.ops)].sort((a, b) => a - b), personalities: r.personalities },
    }));
}
