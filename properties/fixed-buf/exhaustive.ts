/**
 * A fixed-buf version's equivalence classes for exhaustive mode: one dimension per rule (or group of
 * rules reading the same fields), with the classes that rule tells apart, and one representative
 * case per combination, in a fixed odometer order (last dimension fastest). The buffer/transfer
 * dimension depends on the op: a fixed op has its import classes, and only reads care where the
 * file ends, so the op and that dimension are enumerated together.
 */
import { canonicalBufAddr, IORING_SETUP_IOPOLL, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import { FIXED_BUF_OPCODES, RW_OP_DEFS, type FixedBufRuleId } from '../../spec/fixed-buf-6.15/rules.js';
import type { MainlineVersion } from '../../spec/mainline-version.js';
import { ioprioValue, RWF_HIPRI, SCRATCH_FD, SCRATCH_SIZE, USER_PTR_MAX } from '../../spec/mainline-constants.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import type { Case } from '../case.js';
import { classProduct } from '../common/class-product.js';
import { GENERIC_618_CLASSES, genericClassFields } from '../mainline/generic-classes.js';

/** Transfer classes every op has: the whole buffer at offset 0 of the file, and an empty range. */
const READ_CLASSES = ['whole@0', 'straddle-eof', 'past-eof', 'empty'] as const;
const WRITE_CLASSES = ['whole@0', 'empty'] as const;
/** A plain op adds an empty range past the top of the user address range (import_ubuf refuses it). */
const PLAIN_CLASSES = ['empty-past-user-range'] as const;
/** A fixed op adds its import classes. */
const IMPORT_CLASSES = ['empty-at-end', 'empty-table', 'index-at-nr', 'below-start', 'past-end'] as const;

/** op/buffer classes: 9 for READ_FIXED, 7 for WRITE_FIXED, 5 for READ, 3 for WRITE. */
export const OP_BUFFER_CLASSES = [
  ...READ_CLASSES.map((c) => `READ_FIXED/${c}`),
  ...IMPORT_CLASSES.map((c) => `READ_FIXED/${c}`),
  ...WRITE_CLASSES.map((c) => `WRITE_FIXED/${c}`),
  ...IMPORT_CLASSES.map((c) => `WRITE_FIXED/${c}`),
  ...READ_CLASSES.map((c) => `READ/${c}`),
  ...PLAIN_CLASSES.map((c) => `READ/${c}`),
  ...WRITE_CLASSES.map((c) => `WRITE/${c}`),
  ...PLAIN_CLASSES.map((c) => `WRITE/${c}`),
] as const;

/** The dimensions and their classes, in check order. */
export const FIXED_BUF_CLASSES = {
  opcode: ['valid', 'invalid'],
  bit7: GENERIC_618_CLASSES.bit7,
  bufsel: GENERIC_618_CLASSES.bufsel,
  drain: GENERIC_618_CLASSES.drain,
  personality: GENERIC_618_CLASSES.personality,
  ioprio: ['zero', 'invalid'],
  attr: ['zero', 'bad'],
  file: ['scratch', 'closed', 'fixed-file'],
  op: OP_BUFFER_CLASSES,
  rwFlags: ['zero', 'unknown', 'hipri'],
  ring: ['plain', 'iopoll'],
} as const;

type Pick = { [K in keyof typeof FIXED_BUF_CLASSES]: (typeof FIXED_BUF_CLASSES)[K][number] };

/** Opcodes by the names the op classes use (the spec's own op names). */
const OPS: Readonly<Record<string, number>> = Object.fromEntries(FIXED_BUF_OPCODES.map((op) => [RW_OP_DEFS[op]!.name, op]));
const BUF_SIZE = 4096;

/** The representative case of one combination: two 4096-byte buffers registered (none for empty-table), buffer 1 used. */
export function fixedBufClassCase(v: MainlineVersion<FixedBufRuleId>, p: Pick): Case {
  const [opName, buffer] = p.op.split('/') as [string, string];
  const sqe = zeroSqe();
  const generic = genericClassFields(p, OPS[opName]!, v.layer);
  sqe.opcode = generic.opcode;
  sqe.user_data = 0x666978n;
  let flags = generic.flags;
  sqe.personality = generic.personality;
  const personalities = generic.personalities;
  // class 7 is the observation's invalid class; a valid nonzero one is the ioprio-is-read property's business
  sqe.ioprio = p.ioprio === 'invalid' ? ioprioValue(7, 0) : 0;
  if (p.attr === 'bad') sqe.pad2 = 0x80n;
  sqe.fd = p.file === 'closed' ? -1 : SCRATCH_FD;
  if (p.file === 'fixed-file') flags |= IOSQE_FIXED_FILE;
  let nrBufs = 2;
  const start = canonicalBufAddr(1);
  sqe.buf_index = 1;
  sqe.addr = start;
  sqe.len = BUF_SIZE;
  switch (buffer) {
    case 'whole@0':
      break;
    case 'straddle-eof':
      sqe.off = BigInt(SCRATCH_SIZE - BUF_SIZE / 2);
      break;
    case 'past-eof':
      sqe.off = BigInt(SCRATCH_SIZE + 1);
      break;
    case 'empty':
      sqe.len = 0;
      break;
    case 'empty-past-user-range':
      sqe.addr = USER_PTR_MAX + 1n;
      sqe.len = 0;
      break;
    case 'empty-at-end':
      sqe.addr = start + BigInt(BUF_SIZE);
      sqe.len = 0;
      break;
    case 'empty-table':
      nrBufs = 0;
      break;
    case 'index-at-nr':
      sqe.buf_index = 2;
      break;
    case 'below-start':
      sqe.addr = start - 1n;
      break;
    case 'past-end':
      sqe.addr = start + 1n;
      break;
    default:
      throw new Error(`fixedBufClassCase: unknown buffer class '${buffer}'`);
  }
  if (p.rwFlags === 'unknown') sqe.op_flags = 1 << 9;
  if (p.rwFlags === 'hipri') sqe.op_flags = RWF_HIPRI;
  sqe.flags = flags;
  return { sqe, ctx: { setupFlags: p.ring === 'iopoll' ? IORING_SETUP_IOPOLL : 0, nrBufs, bufSize: BUF_SIZE, ops: [], personalities } };
}

/** Every combination of version `v`'s classes with its representative case. */
export function* fixedBufExhaustive(v: MainlineVersion<FixedBufRuleId>): Generator<{ classes: string; case: Case }> {
  for (const { label, pick } of classProduct(FIXED_BUF_CLASSES)) yield { classes: label, case: fixedBufClassCase(v, pick as Pick) };
}
