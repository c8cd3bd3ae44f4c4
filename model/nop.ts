/**
 * The reference model of the nop specs (nop@6.18, nop@7.2): the version's generic layer, then
 * io_nop_prep and io_nop in the kernel's order; the first failing rule decides. Pure: (SQE, ring
 * context) -> outcome with rule id.
 */
import { IOSQE_FIXED_FILE } from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import {
  IORING_NOP_CQE32,
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_NOP_INJECT_RESULT,
  IORING_SETUP_CQE32,
  IORING_SETUP_CQE_MIXED,
  IORING_SETUP_SQE128,
  IORING_SETUP_SQE_MIXED,
  isClosedFd,
  NOP_FLAGS_6_18,
  SCRATCH_FD,
} from '../spec/mainline-constants.js';
import { opDefOf, type MainlineVersion } from '../spec/mainline-version.js';
import type { NopRuleId } from '../spec/nop-6.18/rules.js';
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

/** The version's opcodes by name, for messages: "IORING_OP_NOP (0)". */
export function opNames(v: MainlineVersion<string>): string {
  return Object.entries(v.ops).map(([op, d]) => `${d.name} (${op})`).join(', ');
}

/**
 * A 128-byte op on an IORING_SETUP_SQE_MIXED ring (without SQE128) takes two SQ entries and is
 * refused or accepted by its place in the SQ and by how many SQEs follow it in the submission:
 * outside every spec's domain.
 */
export function mixedSqDomain(v: MainlineVersion<string>, sqe: Sqe, ctx?: RingContext): string | null {
  if (!ctx || !v.ops[sqe.opcode]?.is128) return null;
  if (ctx.setupFlags & IORING_SETUP_SQE_MIXED && !(ctx.setupFlags & IORING_SETUP_SQE128)) {
    return `${v.ops[sqe.opcode]!.name} on an IORING_SETUP_SQE_MIXED ring: a 128-byte op takes two SQ entries there, so its result depends on the SQEs around it`;
  }
  return null;
}

/**
 * The version's opcodes (IORING_OP_NOP; and on 7.2 IORING_OP_NOP128) and the invalid ones (>=
 * IORING_OP_LAST); and with IORING_NOP_FILE on the normal file path, fd must be the scratch file
 * or a number no implementation has open (CLOSED_FDS): other small numbers (stdin, the adapter's
 * ring descriptors) may be open anywhere.
 */
export function nopDomain(v: MainlineVersion<NopRuleId>): (sqe: Sqe, ctx?: RingContext) => string | null {
  return (sqe, ctx) => {
    const ring = ringSetupDomain(ctx);
    if (ring) return ring;
    if (!v.ops[sqe.opcode] && sqe.opcode < v.layer.opLast) {
      return `opcode ${sqe.opcode} is outside ${v.definition.id}, which describes ${opNames(v)} and invalid opcodes (>= ${v.layer.opLast})`;
    }
    const mixed = mixedSqDomain(v, sqe, ctx);
    if (mixed) return mixed;
    const f = sqe.op_flags >>> 0;
    const fixed = f & IORING_NOP_FIXED_FILE || sqe.flags & IOSQE_FIXED_FILE;
    if (v.ops[sqe.opcode] && f & IORING_NOP_FILE && !fixed && sqe.fd !== SCRATCH_FD && !isClosedFd(sqe.fd)) {
      return `fd ${sqe.fd} with IORING_NOP_FILE: only the scratch file (fd ${SCRATCH_FD}) and descriptors no implementation has open (negative, >= 9999) are described`;
    }
    return null;
  };
}

/** The outcome of one SQE in one ring context under nop version `v`. */
export function nopModel(v: MainlineVersion<NopRuleId>): (sqe: Sqe, ctx: RingContext) => ModelOutcome {
  const spec = v.definition;
  return (sqe, ctx) => {
    const generic = genericCheck(v.layer, sqe, ctx, (op) => opDefOf(v, op));
    if (generic) return verdict(spec, generic, sqe);

    // io_nop_prep
    const f = sqe.op_flags >>> 0;
    if (f & ~NOP_FLAGS_6_18) return verdict(spec, 'nop.flags.undefined', sqe);
    if (f & IORING_NOP_CQE32 && !(ctx.setupFlags & (IORING_SETUP_CQE32 | IORING_SETUP_CQE_MIXED))) return verdict(spec, 'nop.cqe32.ring', sqe);

    // io_nop: the file, then the buffer; an error replaces the injected result
    if (f & IORING_NOP_FILE) {
      // prep folds IORING_NOP_FIXED_FILE into REQ_F_FIXED_FILE, which IOSQE_FIXED_FILE also sets
      if (f & IORING_NOP_FIXED_FILE || sqe.flags & IOSQE_FIXED_FILE) return verdict(spec, 'nop.file.fixed-no-table', sqe);
      if (sqe.fd !== SCRATCH_FD) return verdict(spec, 'nop.file.not-open', sqe);
    }
    if (f & IORING_NOP_FIXED_BUFFER) {
      if (ctx.nrBufs === 0) return verdict(spec, 'nop.fixed-buffer.empty-table', sqe);
      if (sqe.buf_index >= ctx.nrBufs) return verdict(spec, 'nop.fixed-buffer.index-out-of-range', sqe);
    }
    if (f & IORING_NOP_INJECT_RESULT) return unobservedRes(verdict(spec, 'nop.inject-result', sqe, sqe.len | 0));
    return verdict(spec, 'nop.complete', sqe, 0);
  };
}
