/**
 * The reference model of nop@6.18: the 6.18 generic layer, then io_nop_prep and io_nop in the
 * kernel's order; the first failing rule decides. Pure: (SQE, ring context) -> outcome with rule id.
 */
import { IORING_OP_NOP, IOSQE_CQE_SKIP_SUCCESS, IOSQE_FIXED_FILE } from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import { GENERIC_6_18 } from '../spec/generic-layer.js';
import {
  IORING_NOP_CQE32,
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_NOP_INJECT_RESULT,
  IORING_OP_LAST_6_18,
  IORING_SETUP_CQE32,
  IORING_SETUP_CQE_MIXED,
  isClosedFd,
  NOP_FLAGS_6_18,
  SCRATCH_FD,
} from '../spec/mainline-constants.js';
import { NOP_6_18, NOP_OP_DEF } from '../spec/nop-6.18/rules.js';
import type { Sqe } from '../spec/sqe-layout.js';
import { genericCheck } from './generic-layer.js';
import type { ModelOutcome } from './outcome.js';
import { verdict } from './verdict.js';
import { ringSetupDomain } from './ring-domain.js';

/**
 * A success under IOSQE_CQE_SKIP_SUCCESS posts no CQE, so it has no res anyone can observe: the
 * mainline models say 0 then, as the exec protocol's NO_CQE outcome records do. (bpf@v1 never
 * meets this: its successes are all res 0.)
 */
export function unobservedRes(o: ModelOutcome): ModelOutcome {
  return o.posted ? o : { ...o, res: 0 };
}

/**
 * Opcode 0 and the invalid opcodes (>= 63) are nop@6.18's; and with IORING_NOP_FILE on the normal
 * file path, fd must be the scratch file or a number no implementation has open (CLOSED_FDS):
 * other small numbers (stdin, the adapter's ring descriptors) may be open anywhere.
 */
export function nop618Domain(sqe: Sqe, ctx?: RingContext): string | null {
  const ring = ringSetupDomain(ctx);
  if (ring) return ring;
  if (sqe.opcode !== IORING_OP_NOP && sqe.opcode < IORING_OP_LAST_6_18) {
    return `opcode ${sqe.opcode} is outside nop@6.18, which describes IORING_OP_NOP (0) and invalid opcodes (>= ${IORING_OP_LAST_6_18})`;
  }
  const f = sqe.op_flags >>> 0;
  const fixed = f & IORING_NOP_FIXED_FILE || sqe.flags & IOSQE_FIXED_FILE;
  if (sqe.opcode === IORING_OP_NOP && f & IORING_NOP_FILE && !fixed && sqe.fd !== SCRATCH_FD && !isClosedFd(sqe.fd)) {
    return `fd ${sqe.fd} with IORING_NOP_FILE: only the scratch file (fd ${SCRATCH_FD}) and descriptors no implementation has open (negative, >= 9999) are described`;
  }
  return null;
}

/** The nop@6.18 outcome of one SQE in one ring context. */
export function nop618Model(sqe: Sqe, ctx: RingContext): ModelOutcome {
  const generic = genericCheck(GENERIC_6_18, sqe, ctx, (op) => {
    if (op !== IORING_OP_NOP) throw new Error(`nop618Model: opcode ${op} is outside nop@6.18 (see nop618Domain)`);
    return NOP_OP_DEF;
  });
  if (generic) return verdict(NOP_6_18, generic, sqe);

  // io_nop_prep
  const f = sqe.op_flags >>> 0;
  if (f & ~NOP_FLAGS_6_18) return verdict(NOP_6_18, 'nop.flags.undefined', sqe);
  if (f & IORING_NOP_CQE32 && !(ctx.setupFlags & (IORING_SETUP_CQE32 | IORING_SETUP_CQE_MIXED))) return verdict(NOP_6_18, 'nop.cqe32.ring', sqe);

  // io_nop: the file, then the buffer; an error replaces the injected result
  if (f & IORING_NOP_FILE) {
    // prep folds IORING_NOP_FIXED_FILE into REQ_F_FIXED_FILE, which IOSQE_FIXED_FILE also sets
    if (f & IORING_NOP_FIXED_FILE || sqe.flags & IOSQE_FIXED_FILE) return verdict(NOP_6_18, 'nop.file.fixed-no-table', sqe);
    if (sqe.fd !== SCRATCH_FD) return verdict(NOP_6_18, 'nop.file.not-open', sqe);
  }
  if (f & IORING_NOP_FIXED_BUFFER) {
    if (ctx.nrBufs === 0) return verdict(NOP_6_18, 'nop.fixed-buffer.empty-table', sqe);
    if (sqe.buf_index >= ctx.nrBufs) return verdict(NOP_6_18, 'nop.fixed-buffer.index-out-of-range', sqe);
  }
  if (f & IORING_NOP_INJECT_RESULT) return unobservedRes(verdict(NOP_6_18, 'nop.inject-result', sqe, sqe.len | 0));
  return verdict(NOP_6_18, 'nop.complete', sqe, 0);
}
