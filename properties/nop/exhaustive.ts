/**
 * A nop version's equivalence classes for exhaustive mode: one dimension per rule (or group of rules
 * reading the same fields), with the classes that rule tells apart, and one representative case
 * per combination, in a fixed odometer order (last dimension fastest).
 */
import { IORING_SETUP_IOPOLL, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import {
  IORING_NOP_CQE32,
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_NOP_INJECT_RESULT,
  IORING_SETUP_CQE32,
  IORING_SETUP_SQE128,
  SCRATCH_FD,
} from '../../spec/mainline-constants.js';
import { ops128, type MainlineVersion } from '../../spec/mainline-version.js';
import type { NopRuleId } from '../../spec/nop-6.18/rules.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import type { Case } from '../case.js';
import { classProduct } from '../common/class-product.js';
import { GENERIC_618_CLASSES, genericClassFields } from '../mainline/generic-classes.js';

/** The dimensions and their classes, in check order (the opcode and ring classes are the version's). */
const NOP_CLASSES = {
  opcode: ['nop', 'invalid'],
  bit7: GENERIC_618_CLASSES.bit7,
  bufsel: GENERIC_618_CLASSES.bufsel,
  drain: GENERIC_618_CLASSES.drain,
  ioprio: ['zero', 'nonzero'],
  personality: GENERIC_618_CLASSES.personality,
  undefined: ['clear', 'bit6'],
  cqe32: ['off', 'on'],
  ring: ['plain', 'cqe32', 'iopoll'],
  file: ['none', 'none+iosqe-fixed', 'scratch', 'closed', 'nop-fixed', 'iosqe-fixed'],
  buffer: ['none', 'in-range', 'empty-table', 'at-nr'],
  inject: ['none', 'positive', 'negative'],
} as const;

type Pick = { [K in Exclude<keyof typeof NOP_CLASSES, 'opcode' | 'ring'>]: (typeof NOP_CLASSES)[K][number] } & { opcode: string; ring: (typeof NOP_CLASSES)['ring'][number] | 'sqe128' };

/**
 * The classes of version `v`: an opcode class per op (named as the op, lower case: 'nop',
 * 'nop128'), and where there are 128-byte ops, an IORING_SETUP_SQE128 ring.
 */
export function nopClasses(v: MainlineVersion<NopRuleId>): Record<keyof typeof NOP_CLASSES, readonly string[]> {
  const ring = ops128(v).length ? [...NOP_CLASSES.ring, 'sqe128'] : NOP_CLASSES.ring;
  return { ...NOP_CLASSES, opcode: [...Object.values(v.ops).map((d) => d.name.toLowerCase()), 'invalid'], ring };
}

/** The representative case of one combination. */
export function nopClassCase(v: MainlineVersion<NopRuleId>, p: Pick): Case {
  const sqe = zeroSqe();
  const op = Object.entries(v.ops).find(([, d]) => d.name.toLowerCase() === p.opcode)?.[0];
  const generic = genericClassFields(p, Number(op ?? -1), v.layer);
  sqe.opcode = generic.opcode;
  sqe.user_data = 0x6e6f70n;
  let flags = generic.flags;
  if (p.ioprio === 'nonzero') sqe.ioprio = 1;
  sqe.personality = generic.personality;
  const personalities = generic.personalities;
  let nop = 0;
  if (p.undefined === 'bit6') nop |= 1 << 6;
  if (p.cqe32 === 'on') nop |= IORING_NOP_CQE32;
  let setupFlags = 0;
  if (p.ring === 'cqe32') setupFlags = IORING_SETUP_CQE32;
  if (p.ring === 'iopoll') setupFlags = IORING_SETUP_IOPOLL;
  if (p.ring === 'sqe128') setupFlags = IORING_SETUP_SQE128;
  // fd: the scratch file where it is looked up normally; -1 where it must not be open; 0 as a fixed index
  sqe.fd = -1;
  if (p.file === 'none+iosqe-fixed') flags |= IOSQE_FIXED_FILE;
  if (p.file === 'scratch') {
    nop |= IORING_NOP_FILE;
    sqe.fd = SCRATCH_FD;
  }
  if (p.file === 'closed') nop |= IORING_NOP_FILE;
  if (p.file === 'nop-fixed') {
    nop |= IORING_NOP_FILE | IORING_NOP_FIXED_FILE;
    sqe.fd = 0;
  }
  if (p.file === 'iosqe-fixed') {
    nop |= IORING_NOP_FILE;
    flags |= IOSQE_FIXED_FILE;
    sqe.fd = 0;
  }
  let nrBufs = 0;
  if (p.buffer === 'in-range') {
    nop |= IORING_NOP_FIXED_BUFFER;
    nrBufs = 2;
    sqe.buf_index = 1;
  } else if (p.buffer === 'empty-table') {
    nop |= IORING_NOP_FIXED_BUFFER;
  } else if (p.buffer === 'at-nr') {
    nop |= IORING_NOP_FIXED_BUFFER;
    nrBufs = 2;
    sqe.buf_index = 2;
  }
  sqe.len = p.inject === 'negative' ? 0xfffffffb : 42; // -5 as a u32; without INJECT_RESULT len is ignored
  if (p.inject !== 'none') nop |= IORING_NOP_INJECT_RESULT;
  sqe.flags = flags;
  sqe.op_flags = nop >>> 0;
  return { sqe, ctx: { setupFlags, nrBufs, bufSize: 4096, ops: [], personalities } };
}

/** Every combination of version `v`'s classes with its representative case. */
export function* nopExhaustive(v: MainlineVersion<NopRuleId>): Generator<{ classes: string; case: Case }> {
  for (const { label, pick } of classProduct(nopClasses(v))) yield { classes: label, case: nopClassCase(v, pick as Pick) };
}
