/**
 * The corruptions of a version of the series: the 7.2 generic layer's, then the version's own,
 * whose draws are data in its spec folder (a range with edges) and become arbitraries here.
 */
import { BPF_GENERIC_LAYER } from '../../spec/bpf/common.js';
import type { BpfCorruption, BpfVersion } from '../../spec/bpf/version.js';
import type { GenericRuleId } from '../../spec/generic-layer.js';
import fc from 'fast-check';
import { boundedInt } from '../arbitraries/values.js';
import type { Corruption } from '../common/corruption-kit.js';
import { genericCorruptions } from '../common/generic-corruptions.js';

/** A corruption declared as data, with its param drawn with the range's ends and edges favoured. */
export function fromDeclared<Id extends string>(d: BpfCorruption<Id>): Corruption<Id> {
  const { min, max, edges = [], edgeWeight } = d.param;
  if (edgeWeight === undefined) return { rule: d.rule, slot: d.slot, param: boundedInt(min, max, edges), apply: d.apply };
  const ends = [...new Set([min, max, ...edges.filter((x) => x >= min && x <= max)])];
  const param = fc.oneof({ weight: 2, arbitrary: fc.integer({ min, max }) }, { weight: Math.max(1, Math.round(2 * edgeWeight)), arbitrary: fc.constantFrom(...ends) });
  return { rule: d.rule, slot: d.slot, param, apply: d.apply };
}

/** Every corruption of `v`, in check order of the rule it breaks. */
export function bpfCorruptionsOf<Id extends string>(v: BpfVersion<Id>): Corruption<GenericRuleId | Id>[] {
  // IORING_OP_BPF has no buffer_select, ioprio or iopoll: every generic rule applies
  const generic: Corruption<GenericRuleId | Id>[] = genericCorruptions(BPF_GENERIC_LAYER, { bufferSelectOps: undefined, ioprioRejected: true, iopollRejected: true });
  return [...generic, ...v.corruptions.map((d) => fromDeclared<GenericRuleId | Id>(d))];
}
