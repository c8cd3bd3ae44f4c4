/** The generic io_init_req checks as a pure function (spec/generic-layer.ts has the rules). */
import { IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT, SQE_VALID_FLAGS } from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import type { GenericRuleId, OpDef } from '../spec/generic-layer.js';
import type { Sqe } from '../spec/sqe-layout.js';

/**
 * The first generic rule the SQE breaks, or null when it passes to the op's prep.
 * `opDef` describes sqe.opcode and is only consulted for opcodes below `opLast`.
 */
export function genericCheck(sqe: Sqe, ctx: RingContext, opLast: number, opDef: (opcode: number) => OpDef): GenericRuleId | null {
  if (sqe.opcode >= opLast) return 'generic.opcode.invalid';
  if (sqe.flags & ~SQE_VALID_FLAGS) return 'generic.flags.undefined';
  const def = opDef(sqe.opcode);
  if (sqe.flags & IOSQE_BUFFER_SELECT && !def.bufferSelect) return 'generic.buffer-select.unsupported';
  // step 4, registered restrictions (-EACCES), is not modelled: contexts never register any.
  if (sqe.ioprio !== 0 && !def.ioprio) return 'generic.ioprio.unsupported';
  if (ctx.setupFlags & IORING_SETUP_IOPOLL && !def.iopoll) return 'generic.iopoll.unsupported';
  if (sqe.personality !== 0 && sqe.personality > ctx.personalities) return 'generic.personality.unregistered';
  return null;
}
