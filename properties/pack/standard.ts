/**
 * The standard properties of every spec, derived from its declaration: model agreement, valid
 * requests accepted, every rule broken alone gives its errno, check order, ignored fields,
 * determinism and batch isolation (codec round trips are the harness's own, runner/check.ts).
 */
import type fc from 'fast-check';
import { ruleById } from '../../spec/rule.js';
import type { Case } from '../case.js';
import { agreementProperty } from '../common/agreement.js';
import { caseMix } from '../common/case-mix.js';
import { checkOrderProperty } from '../common/check-order.js';
import { corrupted, multiplyCorrupted } from '../common/corruption-kit.js';
import { determinismProperty } from '../common/determinism.js';
import { ignoredFieldsProperty } from '../common/ignored-fields.js';
import { isolationProperty } from '../common/isolation.js';
import { rejectsEach } from '../common/rejects.js';
import type { Property } from '../property.js';
import type { SpecDeclaration } from './declaration.js';

/** The failure rules of a declaration that no corruption breaks (a declaration must have none). */
export function uncorruptedRules<Id extends string>(decl: SpecDeclaration<Id>): Id[] {
  const broken = new Set(decl.corruptions.map((c) => c.rule));
  return decl.definition.rules.filter((r) => r.errno !== 'OK' && !broken.has(r.id)).map((r) => r.id);
}

/** The differential case mix of a declaration: valid, one rule broken, several broken, wild. */
export function anyCaseOf<Id extends string>(decl: Pick<SpecDeclaration<Id>, 'definition' | 'valid' | 'corruptions' | 'wild'>): fc.Arbitrary<Case> {
  const order = (rule: Id) => ruleById(decl.definition, rule).order;
  return caseMix({
    valid: decl.valid(),
    oneBroken: corrupted(decl.valid, decl.corruptions).map((x) => x.case),
    severalBroken: multiplyCorrupted(decl.valid(), decl.corruptions, order).map((x) => x.case),
    wild: decl.wild,
  });
}

/** Every property of a spec: the standard ones derived from `decl`, then its extras. */
export function standardProperties<Id extends string>(decl: SpecDeclaration<Id>): Property<unknown>[] {
  const missing = uncorruptedRules(decl);
  if (missing.length) throw new Error(`standardProperties: ${decl.definition.id} declares no corruption for ${missing.join(', ')}`);
  const def = decl.definition;
  const order = (rule: Id) => ruleById(def, rule).order;
  const anyCase = anyCaseOf(decl);
  const failureRules = def.rules.filter((r) => r.errno !== 'OK').map((r) => r.id);
  return [
    agreementProperty(anyCase, decl.describe.agreement),
    decl.validAccepted,
    rejectsEach(
      def,
      'each-rule-errno',
      'a valid request with exactly one rule broken fails with that rule\'s errno from the catalogue, for every failure rule of the spec',
      corrupted(decl.valid, decl.corruptions),
      failureRules,
    ),
    checkOrderProperty(def, decl.describe.checkOrder, multiplyCorrupted(decl.valid(), decl.corruptions, order)),
    ignoredFieldsProperty({ anyCase, other: decl.otherSqe, fieldsRead: decl.fieldsRead, description: decl.describe.ignoredFields }),
    determinismProperty(anyCase),
    isolationProperty(anyCase),
    ...(decl.extras ?? []),
  ];
}
