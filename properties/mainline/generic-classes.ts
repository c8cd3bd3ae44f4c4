/**
 * Exhaustive mode's classes for the 6.18 generic layer (io_init_req), shared by the mainline specs:
 * opcode valid or past IORING_OP_LAST, flag bit 7, BUFFER_SELECT, DRAIN / CQE_SKIP_SUCCESS, and a
 * personality none / registered / not. In mainline/, not common/: the drain/skip pair and opcode 63
 * are 6.18's, and bpf@v1's enumeration draws its generic classes its own way.
 */
import { IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN } from '../../spec/constants.js';
import { IORING_OP_LAST_6_18 } from '../../spec/mainline-constants.js';

/**
 * The generic-layer dimensions and their classes. A spec lists them in its own dimension table
 * (by reference, in its check order, since the odometer's order is the table's).
 */
export const GENERIC_618_CLASSES = {
  bit7: ['clear', 'set'],
  bufsel: ['clear', 'set'],
  drain: ['none', 'drain', 'skip', 'drain+skip'],
  personality: ['none', 'registered', 'unregistered'],
} as const;

/** One class per generic dimension, and the opcode class ('invalid', or the spec's name for valid). */
export type Generic618Pick = { [K in keyof typeof GENERIC_618_CLASSES]: (typeof GENERIC_618_CLASSES)[K][number] } & { opcode: string };

/** What the generic classes set: the opcode, sqe.flags, sqe.personality, and how many personalities the ring registers. */
export interface Generic618Fields {
  opcode: number;
  flags: number;
  personality: number;
  personalities: number;
}

/** The fields of a representative case for the generic classes; `validOpcode` unless the opcode class is 'invalid'. */
export function genericClassFields(p: Generic618Pick, validOpcode: number): Generic618Fields {
  let flags = 0;
  if (p.bit7 === 'set') flags |= 0x80;
  if (p.bufsel === 'set') flags |= IOSQE_BUFFER_SELECT;
  if (p.drain === 'drain' || p.drain === 'drain+skip') flags |= IOSQE_IO_DRAIN;
  if (p.drain === 'skip' || p.drain === 'drain+skip') flags |= IOSQE_CQE_SKIP_SUCCESS;
  // 'unregistered' names personality 1 on a ring that registered none
  const personality = p.personality === 'none' ? 0 : 1;
  const personalities = p.personality === 'registered' ? 1 : 0;
  return { opcode: p.opcode === 'invalid' ? IORING_OP_LAST_6_18 : validOpcode, flags, personality, personalities };
}
