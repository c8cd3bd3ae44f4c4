/** The generic io_init_req checks as a pure function of a kernel version's layer (spec/generic-layer.ts has the rules). */
import { IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN, SQE_VALID_FLAGS } from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import { IORING_SETUP_SQE128 } from '../spec/mainline-constants.js';
import type { GenericLayer, GenericRuleId, OpDef } from '../spec/generic-layer.js';
import type { Sqe } from '../spec/sqe-layout.js';

/**
 * The first generic rule the SQE breaks, or null when it passes to the op's prep.
 * `opDef` describes sqe.opcode and is only consulted for opcodes below the layer's opLast.
 */
export function genericCheck(layer: GenericLayer, sqe: Sqe, ctx: RingContext, opDef: (opcode: number) => OpDef): GenericRuleId | null {
  if (sqe.opcode >= layer.opLast) return 'generic.opcode.invalid';
  const def = opDef(sqe.opcode);
  // a 128-byte op on a 64-byte SQ, right after the opcode lookup (SQE_MIXED rings are outside the specs' domains)
  if (def.is128 && !(ctx.setupFlags & IORING_SETUP_SQE128)) return 'generic.sqe128.required';
  if (sqe.flags & ~SQE_VALID_FLAGS) return 'generic.flags.undefined';
  if (sqe.flags & IOSQE_BUFFER_SELECT && !def.bufferSelect) return 'generic.buffer-select.unsupported';
  // CQE_SKIP_SUCCESS sets ctx->drain_disabled before the same SQE's IO_DRAIN is looked at
  if (sqe.flags & IOSQE_IO_DRAIN && sqe.flags & IOSQE_CQE_SKIP_SUCCESS) return 'generic.drain.skip-success';
  // registered restrictions (-EACCES) are not modelled: contexts never register any.
  if (sqe.ioprio !== 0 && !def.ioprio) return 'generic.ioprio.unsupported';
  if (ctx.setupFlags & IORING_SETUP_IOPOLL && !def.iopoll) return 'generic.iopoll.unsupported';
  if (sqe.personality !== 0 && sqe.personality > ctx.personalities) return 'generic.personality.unregistered';
  return null;
}
