/**
 * What every version of the IORING_OP_BPF series shares at the SQE level (series/README.md,
 * "Common to all three versions"): the opcode appended to the 7.2 enum, its io_issue_def, the op
 * id in bits 31-24 of bpf_op_flags, and the checks and corruptions whose shape every version has
 * (a setup flag, an op slot), built here from each version's own constants and errnos.
 */
import { IORING_OP_BPF } from '../constants.js';
import type { Case } from '../case.js';
import { GENERIC_7_2_BPF, genericRules, type GenericRuleId, type OpDef } from '../generic-layer.js';
import type { SpecConstant, SpecDefinition } from '../rule.js';
import type { Sqe, SqeFieldName } from '../sqe-layout.js';
import type { BpfCheck, BpfCorruption, BpfVersion } from './version.js';

export { IORING_OP_BPF };

/**
 * io_issue_defs[IORING_OP_BPF]: only .prep/.issue are set, so no buffer_select, no ioprio, no
 * iopoll, no needs_file (IOSQE_FIXED_FILE is accepted and has no effect). The same in V1-V3.
 */
export const BPF_OP_DEF: OpDef = { name: 'BPF', bufferSelect: false, ioprio: false, iopoll: false };

/** The generic layer the bpf specs compose: 7.2's, the kernel the observations come from. */
export const BPF_GENERIC_LAYER = GENERIC_7_2_BPF;

/** The op id: bits 31-24 of bpf_op_flags (IORING_BPF_OP_SHIFT 24), unsigned. */
export function bpfOpId(sqe: Sqe): number {
  return sqe.op_flags >>> 24;
}

/** A context-changing corruption: the op id of the case is not registered. */
export function unregisterOp<Id extends string>(rule: Id): BpfCorruption<Id> {
  return {
    rule,
    slot: 'op',
    param: { min: 0, max: 0 },
    apply: (c: Case) => ({ ...c, ctx: { ...c.ctx, ops: c.ctx.ops.filter((o) => o !== bpfOpId(c.sqe)) } }),
  };
}

/** A context-changing corruption: the ring lacks the version's setup flag. */
export function dropSetupFlag<Id extends string>(rule: Id, flag: SpecConstant): BpfCorruption<Id> {
  return {
    rule,
    slot: 'setup-bpf',
    param: { min: 0, max: 0 },
    apply: (c: Case) => ({ ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~flag.value) >>> 0 } }),
  };
}

/** The check "the ring lacks the setup flag", with the version's errno and source. */
export function setupMissing<Id extends string>(id: Id, flag: SpecConstant, errno: 'EACCES' | 'EOPNOTSUPP', order: number, source: string): BpfCheck<Id> {
  return {
    id,
    errno,
    order,
    summary: `the ring was not set up with ${flag.name} (1 << ${31 - Math.clz32(flag.value)} as posted)`,
    condition: `!(ctx.setupFlags & ${flag.name})`,
    source,
    fails: (_sqe, ctx) => !(ctx.setupFlags & flag.value),
  };
}

/** Everything of a version but its definition, which is derived. */
export type BpfVersionParts<Id extends string> = Omit<BpfVersion<Id>, 'definition'> & {
  readonly id: string;
  readonly title: string;
  readonly description: string;
};

/** A version with its definition derived: the 7.2 generic layer, then its checks. */
export function defineBpfVersion<Id extends string>(parts: BpfVersionParts<Id>): BpfVersion<Id> {
  const { id, title, description, ...rest } = parts;
  const definition: SpecDefinition<GenericRuleId | Id> = {
    id,
    title,
    description,
    opcodes: [IORING_OP_BPF],
    rules: [...genericRules(BPF_GENERIC_LAYER, [BPF_OP_DEF]), ...parts.checks],
    constants: [parts.setupFlag],
  };
  return { ...rest, definition };
}

/** The op-id bit field every version has. */
export const OP_ID_FIELD = { name: 'op', shift: 24, width: 8, doc: 'BPF op id (bits 31-24, IORING_BPF_OP_SHIFT), unsigned' } as const;

/**
 * bpf_op_flags in V1 patches 1-3, V2 and V3: the op id, and 24 bits for the program, which the
 * kernel never reads (uring_bpf_get_flags() exists in V1-V2, unused; deleted in V3).
 */
export const BPF_OP_FLAGS_LAYOUT_PROG = [
  OP_ID_FIELD,
  { name: 'prog', shift: 0, width: 24, doc: '"used for bpf prog": never read by the kernel' },
] as const;

/** The fields a version reads when it reads nothing but bpf_op_flags (beside the generic layer's). */
export function opFlagsOnlyFieldsRead(): Set<SqeFieldName> {
  return new Set<SqeFieldName>(['opcode', 'flags', 'ioprio', 'personality', 'op_flags']);
}
