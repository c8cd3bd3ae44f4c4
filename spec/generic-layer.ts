/**
 * The generic checks io_init_req (io_uring/io_uring.c) applies to every SQE before the op's own
 * prep, in the kernel's order, as one table parameterised by kernel version. A spec composes the
 * layer of the kernel it describes (`genericRules(layer, ops)`), and the model evaluates the same
 * table (model/generic-layer.ts), so the rules, their order and their conditions are written once.
 *
 * Check order in io_init_req (6.18 and 7.2 alike): opcode range; undefined sqe.flags bits;
 * IOSQE_BUFFER_SELECT on an op without buffer_select; IOSQE_CQE_SKIP_SUCCESS sets
 * ctx->drain_disabled, then IOSQE_IO_DRAIN on a drain-disabled ring fails; registered restrictions
 * (-EACCES, not modelled: contexts never register any, which leaves order 4 to the drain step);
 * ioprio on an op without .ioprio; an IOPOLL ring and an op without .iopoll; the personality.
 * Within one SQE, DRAIN together with CQE_SKIP_SUCCESS is therefore always -EOPNOTSUPP; the drain
 * state sticking to the ring across SQEs belongs to the stateful specs.
 *
 * Since the 128-byte ops (IORING_OP_NOP128, IORING_OP_URING_CMD128; not in 6.18, in 7.2), right
 * after the opcode lookup: a 128-byte op on a ring without IORING_SETUP_SQE128 is -EINVAL unless
 * the ring is IORING_SETUP_SQE_MIXED (where it takes two entries: outside every spec's domain).
 */
import { IORING_OP_BPF } from './constants.js';
import { IORING_OP_LAST_6_18, IORING_OP_LAST_7_2 } from './mainline-constants.js';
import type { Rule } from './rule.js';

/** What the generic layer needs to know about an op (the kernel's io_issue_def). */
export interface OpDef {
  readonly name: string;
  /** Supports IOSQE_BUFFER_SELECT. */
  readonly bufferSelect: boolean;
  /** Reads sqe.ioprio (ops that do not reject a nonzero ioprio). */
  readonly ioprio: boolean;
  /** Can run on an IORING_SETUP_IOPOLL ring. */
  readonly iopoll: boolean;
  /** A 128-byte op (io_issue_def.is_128, Linux 6.19+): needs an IORING_SETUP_SQE128 ring. */
  readonly is128?: boolean;
}

/** A kernel version's generic layer: where its op enum ends and where its facts were checked. */
export interface GenericLayer {
  /** The kernel version, e.g. '6.18'. */
  readonly version: string;
  /** IORING_OP_LAST of the spec's world (with an unmerged series, its opcode counts). */
  readonly opLast: number;
  /** Where the layer's facts were checked. */
  readonly observed: string;
  /** How this layer differs from the 6.18 one, when it does (said in the opcode rule). */
  readonly differs?: string;
}

/** Linux 6.18: IORING_OP_PIPE (62) is the last op. Observed on 6.18.44 through IORING_OP_NOP. */
export const GENERIC_6_18: GenericLayer = {
  version: '6.18',
  opLast: IORING_OP_LAST_6_18,
  observed: 'io_init_req, io_uring/io_uring.c; observed on Linux 6.18.44 (kernel-6.18-observed: a.nop.*, g.*)',
};

/**
 * Linux 7.2 with the IORING_OP_BPF series: IORING_OP_URING_CMD128 (64) is the last mainline op,
 * the series appends IORING_OP_BPF (65), so IORING_OP_LAST is 66. The checks and their order are
 * 6.18's (observed on 7.2.13 with each version applied: control/opcode66-*, flag/op0/sqe-flags-*,
 * field-ioprio=1, field-personality=1-unregistered, setup/BPF|IOPOLL/op0).
 */
export const GENERIC_7_2_BPF: GenericLayer = {
  version: '7.2',
  opLast: IORING_OP_BPF + 1,
  observed: 'io_init_req, io_uring/io_uring.c of Linux 7.2; observed on 7.2.13 with each version of the series applied (kernel-7.2-bpf-observed.md)',
  differs: 'on 6.18 IORING_OP_LAST is 63, so opcodes 63-65 are invalid there as well',
};

/**
 * Linux 7.2: IORING_OP_URING_CMD128 (64) is the last op, so IORING_OP_LAST is 65; io_init_req
 * gained the 128-byte-op check after the opcode lookup. Read in io_init_req, io_uring/io_uring.c
 * and io_issue_defs, io_uring/opdef.c of Debian's linux-source-7.2 (7.2.13-1); observed on
 * Debian's 7.2.13 kernel under the vm backend (test/vectors/nop-7.2.json).
 */
export const GENERIC_7_2: GenericLayer = {
  version: '7.2',
  opLast: IORING_OP_LAST_7_2,
  observed: 'io_init_req, io_uring/io_uring.c and io_issue_defs, io_uring/opdef.c (Linux 7.2.13); observed on Debian linux-image-7.2.13+deb14-amd64 under the vm backend (test/vectors/nop-7.2.json)',
  differs: 'on 6.18 IORING_OP_LAST is 63: IORING_OP_NOP128 (63) and IORING_OP_URING_CMD128 (64) are not there',
};

/** The generic rule table: ids, errnos and check order are the same in every version. */
export const GENERIC_RULE_TABLE = [
  { id: 'generic.opcode.invalid', errno: 'EINVAL', order: 1, summary: 'opcode >= IORING_OP_LAST is rejected' },
  {
    id: 'generic.sqe128.required',
    errno: 'EINVAL',
    // the opcode step's other outcome: only a valid opcode can be a 128-byte op
    order: 1,
    summary: 'a 128-byte op (io_issue_def.is_128: IORING_OP_NOP128, IORING_OP_URING_CMD128) on a ring set up without IORING_SETUP_SQE128 (or SQE_MIXED), checked right after the opcode range',
  },
  { id: 'generic.flags.undefined', errno: 'EINVAL', order: 2, summary: 'an undefined sqe.flags bit (bit 7) is rejected' },
  { id: 'generic.buffer-select.unsupported', errno: 'EOPNOTSUPP', order: 3, summary: 'IOSQE_BUFFER_SELECT on an op that does not support it' },
  {
    id: 'generic.drain.skip-success',
    errno: 'EOPNOTSUPP',
    order: 4,
    summary: 'IOSQE_IO_DRAIN together with IOSQE_CQE_SKIP_SUCCESS: the skip flag sets ctx->drain_disabled before the drain check of the same SQE (and of every later SQE on the ring; cases run on rings that never saw a skip)',
  },
  { id: 'generic.ioprio.unsupported', errno: 'EINVAL', order: 5, summary: 'ioprio != 0 on an op that does not use it' },
  { id: 'generic.iopoll.unsupported', errno: 'EINVAL', order: 6, summary: 'an IORING_SETUP_IOPOLL ring and an op without iopoll support' },
  { id: 'generic.personality.unregistered', errno: 'EINVAL', order: 7, summary: 'personality != 0 that is not registered' },
] as const;

/** A generic rule id. */
export type GenericRuleId = (typeof GENERIC_RULE_TABLE)[number]['id'];

/** Generic rule ids, in check order. */
export const GENERIC_RULE_IDS: readonly GenericRuleId[] = GENERIC_RULE_TABLE.map((r) => r.id);

/**
 * The generic rules of `layer` for a spec whose opcodes are described by `ops`; rules no op can
 * reach are left out (an op that supports iopoll never fires the iopoll rule). Orders 1-7.
 */
export function genericRules(layer: GenericLayer, ops: readonly OpDef[]): Rule<GenericRuleId>[] {
  return GENERIC_RULE_TABLE.filter((r) => {
    if (r.id === 'generic.sqe128.required') return ops.some((o) => o.is128);
    if (r.id === 'generic.buffer-select.unsupported') return ops.some((o) => !o.bufferSelect);
    if (r.id === 'generic.ioprio.unsupported') return ops.some((o) => !o.ioprio);
    if (r.id === 'generic.iopoll.unsupported') return ops.some((o) => !o.iopoll);
    return true;
  }).map((r) => ({
    ...r,
    summary: r.id === 'generic.opcode.invalid' ? `opcode >= IORING_OP_LAST (${layer.opLast}) is rejected${layer.differs ? ` (${layer.differs})` : ''}` : r.summary,
    source: `${layer.observed}`,
  }));
}
