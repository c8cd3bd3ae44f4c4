/** The case mixes a nop version's properties draw from. */
import fc from 'fast-check';
import { IORING_SETUP_CQE32, IORING_SETUP_SQE128, NOP_FLAGS_6_18 } from '../../spec/mainline-constants.js';
import { ops128, type MainlineVersion } from '../../spec/mainline-version.js';
import type { NopRuleId } from '../../spec/nop-6.18/rules.js';
import type { Case } from '../case.js';
import { boundedInt, numberOfKind, u64 } from '../arbitraries/values.js';
import { anyCaseOf } from '../pack/standard.js';
import { personalitiesArb, safeFd } from '../mainline/safe-values.js';
import { nopCorruptions } from './corruptions.js';
import { injectLen, NOP_SETUP_FLAGS, validNopCases } from './valid-case.js';

/**
 * Anything in the spec's domain: one of the version's opcodes or an invalid one, every field
 * random except fd (the scratch file or a closed one, since NOP_FILE may look it up), nop_flags
 * mostly within the defined bits so the later rules get their turn, any small context (an
 * IORING_SETUP_SQE128 ring or not, where the version has 128-byte ops).
 */
export function wildNopCase(v: MainlineVersion<NopRuleId>): fc.Arbitrary<Case> {
  const opcodes = Object.keys(v.ops).map(Number);
  const sqe128 = ops128(v).length ? fc.boolean() : fc.constant(false);
  return fc
    .record({
      invalidOpcode: fc.integer({ min: 0, max: 3 }),
      opcode: boundedInt(v.layer.opLast, 255),
      op: fc.constantFrom(...opcodes),
      flags: numberOfKind('u8'),
      ioprio: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: numberOfKind('u16') }),
      fd: safeFd,
      off: u64(),
      addr: u64(),
      len: injectLen,
      opFlags: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: NOP_FLAGS_6_18 }) }, { weight: 1, arbitrary: numberOfKind('u32') }),
      user_data: u64(),
      bufIndex: fc.oneof(fc.integer({ min: 0, max: 5 }), numberOfKind('u16')),
      personality: fc.oneof(fc.integer({ min: 0, max: 3 }), numberOfKind('u16')),
      splice_fd_in: numberOfKind('s32'),
      addr3: u64(),
      pad2: u64(),
      setup: fc.constantFrom(...NOP_SETUP_FLAGS),
      cqe32: fc.boolean(),
      sqe128,
      nrBufs: fc.integer({ min: 0, max: 4 }),
      bufSize: fc.constantFrom(4096, 65536),
      personalities: personalitiesArb,
    })
    .map((r) => ({
      sqe: {
        opcode: r.invalidOpcode === 0 ? r.opcode : r.op,
        flags: r.flags,
        ioprio: r.ioprio,
        fd: r.fd,
        off: r.off,
        addr: r.addr,
        len: r.len,
        op_flags: r.opFlags >>> 0,
        user_data: r.user_data,
        buf_index: r.bufIndex,
        personality: r.personality,
        splice_fd_in: r.splice_fd_in,
        addr3: r.addr3,
        pad2: r.pad2,
      },
      ctx: {
        setupFlags: (r.setup | (r.cqe32 ? IORING_SETUP_CQE32 : 0) | (r.sqe128 ? IORING_SETUP_SQE128 : 0)) >>> 0,
        nrBufs: r.nrBufs,
        bufSize: r.bufSize,
        ops: [],
        personalities: r.personalities,
      },
    }));
}

/** The differential mix of version `v`: valid, one rule broken, several broken, and wild cases. */
export function anyNopCase(v: MainlineVersion<NopRuleId>): fc.Arbitrary<Case> {
  return anyCaseOf({ definition: v.definition, valid: validNopCases(v), corruptions: nopCorruptions(v), wild: wildNopCase(v) });
}
