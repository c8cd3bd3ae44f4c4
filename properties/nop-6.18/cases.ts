/** The nop@6.18 case mixes the properties draw from. */
import fc from 'fast-check';
import { IORING_OP_NOP } from '../../spec/constants.js';
import { IORING_OP_LAST_6_18, IORING_SETUP_CQE32, NOP_FLAGS_6_18 } from '../../spec/mainline-constants.js';
import { ruleById } from '../../spec/rule.js';
import { NOP_6_18, type Nop618RuleId } from '../../spec/nop-6.18/rules.js';
import type { Case } from '../case.js';
import { boundedInt, numberOfKind, u64 } from '../arbitraries/values.js';
import { anyCaseOf } from '../pack/standard.js';
import { personalitiesArb, safeFd } from '../mainline/safe-values.js';
import { NOP_618_CORRUPTIONS } from './corruptions.js';
import { injectLen, NOP_SETUP_FLAGS, validNopCase } from './valid-case.js';

/** Check-order position of a nop@6.18 rule. */
export const nopOrder = (rule: Nop618RuleId): number => ruleById(NOP_6_18, rule).order;

/** Valid cases; nop@6.18 has one opcode, so the op restriction is moot. */
export const validNop = (): fc.Arbitrary<Case> => validNopCase;

/**
 * Anything in the spec's domain: opcode 0 or >= 63, every field random except fd (the scratch
 * file or a closed one, since NOP_FILE may look it up), nop_flags mostly within the defined bits
 * so the later rules get their turn, any small context.
 */
export const wildNopCase: fc.Arbitrary<Case> = fc
  .record({
    invalidOpcode: fc.integer({ min: 0, max: 3 }),
    opcode: boundedInt(IORING_OP_LAST_6_18, 255),
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
    nrBufs: fc.integer({ min: 0, max: 4 }),
    bufSize: fc.constantFrom(4096, 65536),
    personalities: personalitiesArb,
  })
  .map((r) => ({
    sqe: {
      opcode: r.invalidOpcode === 0 ? r.opcode : IORING_OP_NOP,
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
    ctx: { setupFlags: (r.setup | (r.cqe32 ? IORING_SETUP_CQE32 : 0)) >>> 0, nrBufs: r.nrBufs, bufSize: r.bufSize, ops: [], personalities: r.personalities },
  }));

/** The differential mix: valid, one rule broken, several broken, and wild cases. */
export const anyNopCase: fc.Arbitrary<Case> = anyCaseOf({ definition: NOP_6_18, valid: validNop, corruptions: NOP_618_CORRUPTIONS, wild: wildNopCase });
