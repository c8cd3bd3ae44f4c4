/** The case mixes a fixed-buf version's properties draw from. */
import fc from 'fast-check';
import { canonicalBufAddr, CANONICAL_BUF_STRIDE, IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED, IORING_SETUP_IOPOLL } from '../../spec/constants.js';
import { FIXED_BUF_OPCODES, type FixedBufRuleId } from '../../spec/fixed-buf-6.15/rules.js';
import { RWF_HIPRI } from '../../spec/mainline-constants.js';
import type { MainlineVersion } from '../../spec/mainline-version.js';
import type { Case } from '../case.js';
import { boundedInt, numberOfKind, u64 } from '../arbitraries/values.js';
import { anyCaseOf } from '../pack/standard.js';
import { HARMLESS_SETUP_FLAGS } from '../common/setup-flags.js';
import { personalitiesArb, safeFd } from '../mainline/safe-values.js';
import { fixedBufCorruptions, invalidIoprio } from './corruptions.js';
import { validIoprio, validRwCase } from './valid-case.js';

const STRIDE = Number(CANONICAL_BUF_STRIDE);

/**
 * Anything in the spec's domain: the four opcodes or an invalid one, random flags, ioprio,
 * rw_flags (0, HIPRI, unknown bits), attr_type_mask, fd from the safe set, off within 1 MiB, and a
 * range around canonical buffers 0-4 (for a plain op kept inside the slot, so its memory is
 * mapped; for a fixed op anywhere near, below and past the buffer included), any small context.
 */
export function wildFixedBufCase(v: MainlineVersion<FixedBufRuleId>): fc.Arbitrary<Case> {
  return fc
    .record({
      invalidOpcode: fc.integer({ min: 0, max: 5 }),
      badOpcode: boundedInt(v.layer.opLast, 255),
      op: fc.constantFrom(...FIXED_BUF_OPCODES),
      flags: numberOfKind('u8'),
      ioprio: fc.oneof(validIoprio, invalidIoprio),
      fd: safeFd,
      off: fc.oneof(fc.constantFrom(0, 65535, 65536, 65537), fc.integer({ min: 0, max: (1 << 20) - 1 })),
      slot: fc.integer({ min: 0, max: 4 }),
      at: fc.oneof(fc.constantFrom(0, 4095, 4096, 65535, 65536), fc.integer({ min: 0, max: STRIDE - 1 })),
      below: fc.boolean(),
      len: fc.oneof(fc.constantFrom(0, 1, 4096, 65536, 65537), fc.integer({ min: 0, max: 70000 })),
      rwFlags: fc.constantFrom(0, 0, RWF_HIPRI, 1 << 9, 0x80000000, (0x80000000 | RWF_HIPRI) >>> 0),
      user_data: u64(),
      bufIndex: fc.oneof(fc.integer({ min: 0, max: 5 }), numberOfKind('u16')),
      personality: fc.integer({ min: 0, max: 3 }),
      splice_fd_in: numberOfKind('s32'),
      addr3: u64(),
      pad2: fc.oneof({ weight: 3, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(2n, 0x80n, 1n << 63n) }),
      setup: fc.constantFrom(...HARMLESS_SETUP_FLAGS, IORING_SETUP_IOPOLL),
      nrBufs: fc.integer({ min: 0, max: 4 }),
      bufSize: fc.constantFrom(4096, 65536),
      personalities: personalitiesArb,
    })
    .map((r) => {
      const fixed = r.op === IORING_OP_READ_FIXED || r.op === IORING_OP_WRITE_FIXED;
      let addr = canonicalBufAddr(r.slot) + BigInt(r.at);
      let len = r.len;
      if (fixed && r.below) addr = canonicalBufAddr(r.slot) - BigInt(1 + (r.at % 4096));
      if (!fixed) len = Math.min(len, STRIDE - r.at);
      return {
        sqe: {
          opcode: r.invalidOpcode === 0 ? r.badOpcode : r.op,
          flags: r.flags,
          ioprio: r.ioprio,
          fd: r.fd,
          off: BigInt(r.off),
          addr,
          len,
          op_flags: r.rwFlags,
          user_data: r.user_data,
          buf_index: r.bufIndex,
          personality: r.personality,
          splice_fd_in: r.splice_fd_in,
          addr3: r.addr3,
          pad2: r.pad2,
        },
        ctx: { setupFlags: r.setup, nrBufs: r.nrBufs, bufSize: r.bufSize, ops: [], personalities: r.personalities },
      };
    });
}

/** The differential mix of version `v`: valid, one rule broken, several broken, and wild cases. */
export function anyFixedBufCase(v: MainlineVersion<FixedBufRuleId>): fc.Arbitrary<Case> {
  return anyCaseOf({ definition: v.definition, valid: validRwCase, corruptions: fixedBufCorruptions(v), wild: wildFixedBufCase(v) });
}
