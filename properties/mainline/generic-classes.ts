/**
 * Exhaustive mode's classes for the generic layer (io_init_req), shared by the mainline specs:
 * opcode valid or past IORING_OP_LAST, flag bit 7, BUFFER_SELECT, DRAIN / CQE_SKIP_SUCCESS, and a
 * personality none / registered / not. In mainline/, not common/: the drain/skip pair and the
 * invalid opcode (the layer's IORING_OP_LAST) are the mainline layers', and bpf@v1's enumeration
 * draws its generic classes its own way.
 */
import { IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN } from '../../spec/constants.js';
import type { GenericLayer } from '../../spec/generic-layer.js';

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

/** The fields of a representative case for the generic classes; `validOpcode` unless the opcode class is 'invalid' (the layer's IORING_OP_LAST then). */
export function genericClassFields(p: Generic618Pick, validOpcode: number, layer: GenericLayer): Generic618Fields {
  let flags = 0;
  if (p.bit7 === 'set') flags |= 0x80;
  if (p.bufsel === 'set') flags |= IOSQE_BUFFER_SELECT;
  if (p.drain === 'drain' || p.drain === 'drain+skip') flags |= IOSQE_IO_DRAIN;
  if (p.drain === 'skip' || p.drain === 'drain+skip') flags |= IOSQE_CQE_SKIP_SUCCESS;
  // 'unregistered' names personality 1 on a ring that registered none
  const personality = p.personality === 'none' ? 0 : 1;
  const personalities = p.personality === 'registered' ? 1 : 0;
  return { opcode: p.opcode === 'invalid' ? layer.opLast : validOpcode, flags, personality, personalities };
}
