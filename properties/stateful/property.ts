/**
 * A stateful property: trials that are sequences of steps on one ring, each run on the backend as
 * one sequence request (or several, for determinism), and a check of the outcomes against the
 * model's predictions step by step. The stateful counterpart of properties/property.ts.
 */
import type fc from 'fast-check';
import type { ModelOutcome, Outcome } from '../../model/outcome.js';
import type { StepSequence } from '../../spec/stateful/step.js';
import type { CheckEnv, Expected } from '../property.js';
import type { SequenceTrial } from './commands.js';

/** The first step that is wrong, and why. */
export interface StepViolation {
  /** Index of the step (0-based). */
  step: number;
  expected: Expected;
  actual: Outcome;
  /** One line: what was wrong at that step. */
  message: string;
}

export interface StatefulProperty {
  /** Stable kebab-case name (reports, JUnit test names). */
  readonly name: string;
  /** One sentence: what must hold. */
  readonly description: string;
  readonly arbitrary: fc.Arbitrary<SequenceTrial>;
  /** How many times a trial's sequence runs on the backend, each on a fresh ring. */
  readonly runs: number;
  /**
   * null when the trial passes. `got[k][i]` is run k's outcome of step i, `model[i]` the model's
   * prediction of step i.
   */
  check(seq: StepSequence, got: readonly (readonly Outcome[])[], model: readonly ModelOutcome[], env: CheckEnv): StepViolation | null;
}
