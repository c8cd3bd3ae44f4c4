/**
 * A version of the series as a property-pack declaration: its valid cases, corruptions and wild
 * mix from the family generators, and the version's table for everything else. A version's own
 * properties (bpf@v1's stronger per-rule ones) come in as extras.
 */
import { IOSQE_CQE_SKIP_SUCCESS } from '../../spec/constants.js';
import type { BpfVersion } from '../../spec/bpf/version.js';
import type { GenericRuleId } from '../../spec/generic-layer.js';
import type { Case } from '../case.js';
import { expectResult } from '../checks.js';
import { safeFdSqe } from '../mainline/safe-values.js';
import type { SpecDeclaration } from '../pack/declaration.js';
import { anyCaseOf } from '../pack/standard.js';
import { property, type Property } from '../property.js';
import { bpfCorruptionsOf } from './corruptions.js';
import { progBitsIgnored } from './prog-bits.js';
import { validBpfCaseOf } from './valid-case.js';
import { wildBpfCaseOf } from './wild.js';

/** Every valid request with a registered op succeeds with res 0 (a registered op's prep returns 0). */
function validAcceptedOf(v: BpfVersion): Property<unknown> {
  const ok = v.checks.find((c) => !c.fails)!.id;
  return property<Case>({
    name: 'valid-accepted',
    description: `every valid request with a registered op gives res 0 by ${ok}; with CQE_SKIP_SUCCESS nothing is posted`,
    rules: [ok],
    needsRegisteredOps: true,
    arbitrary: validBpfCaseOf(v)(),
    cases: (c) => [c],
    check: (c, got) => expectResult(c, got[0]!, { res: 0, rule: ok, posted: !(c.sqe.flags & IOSQE_CQE_SKIP_SUCCESS) }),
  });
}

/** The declaration of a version; `own` replaces the derived valid-accepted property and adds extras. */
export function bpfDeclaration<Id extends string>(v: BpfVersion<Id>, own: { validAccepted?: Property<unknown>; extras?: readonly Property<unknown>[] } = {}): SpecDeclaration<GenericRuleId | Id> {
  const mix = { definition: v.definition, valid: validBpfCaseOf(v), corruptions: bpfCorruptionsOf(v), wild: wildBpfCaseOf(v) };
  const progBits = v.layout.some((f) => f.name === 'prog');
  return {
    ...mix,
    fieldsRead: v.fieldsRead,
    // fd is never read (no needs_file); any SQE may lend its ignored fields
    otherSqe: safeFdSqe,
    validAccepted: own.validAccepted ?? validAcceptedOf(v),
    describe: {
      checkOrder: `a request that breaks several rules gets the errno of the first in check order (generic layer, then ${v.checks.filter((c) => c.fails).map((c) => c.id).join(', ')})`,
      ignoredFields: `rewriting the SQE fields ${v.definition.id} does not read (everything but opcode, flags, ioprio, personality and bpf_op_flags${v.data ? ', and the buffer fields the buffer types ask for' : ''}) does not change the outcome`,
      agreement: v.data ? 'res, posted and (after a successful prep) uring_bpf_data agree with the reference model' : 'res and posted agree with the reference model',
    },
    extras: [...(progBits ? [progBitsIgnored(anyCaseOf(mix))] : []), ...(own.extras ?? [])],
  };
}
