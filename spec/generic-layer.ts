/**
 * The generic checks io_init_req (io_uring/io_uring.c) applies to every SQE before the op's own
 * prep, in the kernel's order (SPEC-NOTES section 3; the same order in every kernel since 5.x,
 * observed on 6.18.44 through IORING_OP_NOP). A spec includes the rules its opcodes can reach:
 * an op that supports iopoll never fires the iopoll rule.
 */
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
}

const OBSERVED = 'io_init_req, io_uring/io_uring.c; observed on Linux 6.18.44 (kernel-6.18-observed: a.nop.*)';

/** Generic rule ids, in check order. */
export const GENERIC_RULE_IDS = [
  'generic.opcode.invalid',
  'generic.flags.undefined',
  'generic.buffer-select.unsupported',
  'generic.ioprio.unsupported',
  'generic.iopoll.unsupported',
  'generic.personality.unregistered',
] as const;

/** A generic rule id. */
export type GenericRuleId = (typeof GENERIC_RULE_IDS)[number];

/**
 * The generic rules for a spec whose enum io_uring_op ends at `opLast` (IORING_OP_LAST) and whose
 * opcodes are described by `ops`; rules no op can reach are left out. Orders start at 1.
 */
export function genericRules(opLast: number, ops: readonly OpDef[]): Rule[] {
  const all: Rule[] = [
    { id: 'generic.opcode.invalid', errno: 'EINVAL', order: 1, summary: `opcode >= IORING_OP_LAST (${opLast}) is rejected`, source: `${OBSERVED}; d.opcode=*` },
    { id: 'generic.flags.undefined', errno: 'EINVAL', order: 2, summary: 'an undefined sqe.flags bit (bit 7) is rejected', source: OBSERVED },
    { id: 'generic.buffer-select.unsupported', errno: 'EOPNOTSUPP', order: 3, summary: 'IOSQE_BUFFER_SELECT on an op that does not support it', source: OBSERVED },
    { id: 'generic.ioprio.unsupported', errno: 'EINVAL', order: 5, summary: 'ioprio != 0 on an op that does not use it', source: OBSERVED },
    { id: 'generic.iopoll.unsupported', errno: 'EINVAL', order: 6, summary: 'an IORING_SETUP_IOPOLL ring and an op without iopoll support', source: 'io_init_req, io_uring/io_uring.c (SPEC-NOTES section 3, step 6)' },
    { id: 'generic.personality.unregistered', errno: 'EINVAL', order: 7, summary: 'personality != 0 that is not registered', source: OBSERVED },
  ];
  return all.filter((r) => {
    if (r.id === 'generic.buffer-select.unsupported') return ops.some((o) => !o.bufferSelect);
    if (r.id === 'generic.ioprio.unsupported') return ops.some((o) => !o.ioprio);
    if (r.id === 'generic.iopoll.unsupported') return ops.some((o) => !o.iopoll);
    return true;
  });
}
