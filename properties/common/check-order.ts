/**
 * check-order: a request that breaks several rules must get the errno of the one earliest in the
 * spec's check order. Spec-agnostic: the generator (multiplyCorrupted, per spec) already knows
 * which rule comes first, and the errno comes from the spec's catalogue.
 */
import type fc from 'fast-check';
import type { SpecDefinition } from '../../spec/rule.js';
import type { Case } from '../case.js';
import { expectResult } from '../checks.js';
import { property, type Property } from '../property.js';
import { ruleRes } from './rejects.js';

/** One trial: a case with several rules broken, and the one that must decide. */
export interface CheckOrderTrial {
  case: Case;
  rules: string[];
  first: string;
}

/** The check-order property of `spec` over multiply corrupted cases. */
export function checkOrderProperty(spec: SpecDefinition, description: string, arbitrary: fc.Arbitrary<CheckOrderTrial>): Property<unknown> {
  return property<CheckOrderTrial>({
    name: 'check-order',
    description,
    rules: [],
    arbitrary,
    cases: (t) => [t.case],
    // the expected rule is the generator's: the earliest in check order among those it broke
    check: (t, got) => expectResult(t.case, got[0]!, { res: ruleRes(spec, t.first), rule: t.first, posted: true }),
  });
}
