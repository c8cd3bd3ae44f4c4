/**
 * Small property builders shared by every spec: a case (or a corrupted case) that must fail with
 * its rule's errno. Spec-agnostic (the spec is a parameter), hence common/.
 */
import type fc from 'fast-check';
import { negErrno, type ErrnoName } from '../../spec/errno.js';
import { ruleById, type SpecDefinition } from '../../spec/rule.js';
import type { Case } from '../case.js';
import { expectResult } from '../checks.js';
import { property, type Property } from '../property.js';

/** -errno of a failure rule of `spec`, from its catalogue. */
export function ruleRes(spec: SpecDefinition, rule: string): number {
  const errno = ruleById(spec, rule).errno;
  if (errno === 'OK') throw new Error(`ruleRes: ${rule} of ${spec.id} is not a failure rule`);
  return negErrno(errno);
}

/** A property whose trial is one case that must give `errno` by `rule`. */
export function rejects(name: string, description: string, rule: string, errno: ErrnoName, arb: fc.Arbitrary<Case>): Property<unknown> {
  return property<Case>({
    name,
    description,
    rules: [rule],
    arbitrary: arb,
    cases: (c) => [c],
    check: (c, got) => expectResult(c, got[0]!, { res: negErrno(errno), rule, posted: true }),
  });
}

/** A property over corrupted cases: each must fail with its rule's errno (from the catalogue). */
export function rejectsEach(spec: SpecDefinition, name: string, description: string, arb: fc.Arbitrary<{ case: Case; rule: string }>, rules: readonly string[]): Property<unknown> {
  return property<{ case: Case; rule: string }>({
    name,
    description,
    rules,
    arbitrary: arb,
    cases: (t) => [t.case],
    check: (t, got) => expectResult(t.case, got[0]!, { res: ruleRes(spec, t.rule), rule: t.rule, posted: true }),
  });
}
