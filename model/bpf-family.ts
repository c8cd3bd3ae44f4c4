/**
 * The reference model of every version of the IORING_OP_BPF series, derived from the version's
 * table (spec/bpf/version.ts): the 7.2 generic layer, then the version's prep checks in order;
 * the first whose condition holds decides, else the success rule with the data the version exposes.
 * Pure: (SQE, ring context) -> outcome with rule id.
 */
import { BPF_GENERIC_LAYER, BPF_OP_DEF, IORING_OP_BPF } from '../spec/bpf/common.js';
import type { BpfVersion } from '../spec/bpf/version.js';
import type { RingContext } from '../spec/context.js';
import type { GenericRuleId } from '../spec/generic-layer.js';
import type { Sqe } from '../spec/sqe-layout.js';
import { genericCheck } from './generic-layer.js';
import type { ModelOutcome } from './outcome.js';
import { verdict } from './verdict.js';

/** The model of a version. */
export function bpfModel<Id extends string>(v: BpfVersion<Id>): (sqe: Sqe, ctx: RingContext) => ModelOutcome {
  const def = v.definition;
  const failing = v.checks.filter((c) => c.fails);
  const ok = v.checks.find((c) => !c.fails);
  if (!ok) throw new Error(`bpfModel: ${def.id} has no success rule`);
  return (sqe, ctx) => {
    const generic = genericCheck(BPF_GENERIC_LAYER, sqe, ctx, () => BPF_OP_DEF);
    if (generic) return verdict<GenericRuleId | Id>(def, generic, sqe);
    for (const c of failing) if (c.fails!(sqe, ctx)) return verdict<GenericRuleId | Id>(def, c.id, sqe);
    return verdict<GenericRuleId | Id>(def, ok.id, sqe, 0, v.data ? v.data(sqe) : null);
  };
}

/**
 * What a version describes: IORING_OP_BPF and the invalid opcodes, in contexts whose registered
 * ops the version can hold (V2/V3: ids 0-15; an id >= 16 can never be registered).
 */
export function bpfDomain<Id extends string>(v: BpfVersion<Id>): (sqe: Sqe, ctx?: RingContext) => string | null {
  const opLast = BPF_GENERIC_LAYER.opLast;
  return (sqe, ctx) => {
    if (sqe.opcode !== IORING_OP_BPF && sqe.opcode < opLast) {
      return `opcode ${sqe.opcode} is outside ${v.definition.id}, which describes IORING_OP_BPF (${IORING_OP_BPF}) and invalid opcodes (>= ${opLast})`;
    }
    const tooBig = ctx?.ops.find((o) => o > v.valid.opIdMax);
    if (tooBig !== undefined) return `ops: op id ${tooBig} cannot be registered in ${v.definition.id} (ids 0-${v.valid.opIdMax})`;
    return null;
  };
}
