/**
 * The properties every stateful spec has, derived from its declaration (the stateful counterpart
 * of properties/pack/standard.ts): sequence-model-agreement and sequence-determinism.
 */
import type { ModelOutcome, Outcome } from '../../model/outcome.js';
import { resultMismatch } from '../checks.js';
import type { Expected } from '../property.js';
import { sequenceTrials } from './commands.js';
import type { StatefulDeclaration } from './declaration.js';
import type { StatefulProperty, StepViolation } from './property.js';

/** The first step whose outcome is not the model's (res, posted, an anomaly), or null. */
export function firstDisagreement(got: readonly Outcome[], model: readonly ModelOutcome[]): StepViolation | null {
  for (let i = 0; i < model.length; i++) {
    const expected: Expected = { res: model[i]!.res, rule: model[i]!.rule, posted: model[i]!.posted };
    const message = resultMismatch(got[i]!, expected);
    if (message !== null) return { step: i, expected, actual: got[i]!, message };
  }
  return null;
}

/** The first step whose outcome changed from run `a` to run `b`, or null. */
export function firstChange(a: readonly Outcome[], b: readonly Outcome[]): StepViolation | null {
  for (let i = 0; i < a.length; i++) {
    const expected: Expected = { res: a[i]!.res, rule: null, posted: a[i]!.posted };
    const message = a[i]!.anomaly ? `backend anomaly: ${a[i]!.anomaly}` : resultMismatch(b[i]!, expected);
    if (message !== null) return { step: i, expected, actual: b[i]!, message: `the same sequence run again: ${message}` };
  }
  return null;
}

/** The properties of a stateful spec. */
export function statefulProperties(decl: StatefulDeclaration): StatefulProperty[] {
  const arbitrary = sequenceTrials(decl);
  return [
    {
      name: 'sequence-model-agreement',
      description: 'every step of a sequence on one ring gives the result the model predicts from the steps before it',
      arbitrary,
      runs: 1,
      check: (_seq, got, model) => firstDisagreement(got[0]!, model),
    },
    {
      name: 'sequence-determinism',
      description: 'the same sequence run twice, each time on a fresh ring, gives the same result at every step',
      arbitrary,
      runs: 2,
      check: (_seq, got) => firstChange(got[0]!, got[1]!),
    },
  ];
}
