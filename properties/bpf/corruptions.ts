/**
 * The corruptions of a version of the series: the 7.2 generic layer's, then the version's own,
 * whose draws are data in its spec folder (a range with edges) and become arbitraries here.
 */
import { BPF_GENERIC_LAYER } from '../../spec/bpf/common.js';
import type { BpfCorruption, BpfVersion } from '../../spec/bpf/version.js';
import type { GenericRuleId } from '../../spec/generic-layer.js';
import { boundedInt } from '../arbitraries/values.js';
import type { Corruption } from '../common/corruption-kit.js';
import { genericCorruptions } from '../common/generic-corruptions.js';

/** A corruption declared as data, with its param drawn with the range's ends and edges favoured. */
export function fromDeclared<Id extends string>(d: BpfCorruption<Id>): Corruption<Id> {
  const { min, max, edges = [], edgeWeight = 0.5 } = d.param;
  // edgeWeight counts against one uniform draw, boundedInt's weight against two
  return { rule: d.rule, slot: d.slot, param: boundedInt(min, max, edges, Math.max(1, Math.round(2 * edgeWeight))), apply: d.apply };
}

/** Every corruption of `v`, in check order of the rule it breaks. */
export function bpfCorruptionsOf<Id extends string>(v: BpfVersion<Id>): Corruption<GenericRuleId | Id>[] {
  // IORING_OP_BPF has no buffer_select, ioprio or iopoll: every generic rule applies
  const generic: Corruption<GenericRuleId | Id>[] = genericCorruptions(BPF_GENERIC_LAYER, { bufferSelectOps: undefined, ioprioRejected: true, iopollRejected: true });
  return [...generic, ...v.corruptions.map((d) => fromDeclared<GenericRuleId | Id>(d))];
}
