/**
 * The reference model of a stateful spec: a ring state, and a pure step function that predicts
 * each step's result (with the rule that decided it) and the state the step leaves behind.
 * Stateful specs (docs/stateful.md) implement this; the runner folds it over a sequence.
 */
import type { RingSetup, Step, StepSequence } from '../spec/stateful/step.js';
import type { ModelOutcome } from './outcome.js';

export interface StatefulModel<S> {
  /** The state of a freshly created ring. */
  initial(ring: RingSetup): S;
  /** The step's predicted outcome and the state after it. Never mutates `state`. */
  step(state: S, step: Step): { outcome: ModelOutcome; state: S };
}

/** Every step's predicted outcome, in order. */
export function runModel<S>(model: StatefulModel<S>, seq: StepSequence): ModelOutcome[] {
  let state = model.initial(seq.ring);
  return seq.steps.map((step) => {
    const r = model.step(state, step);
    state = r.state;
    return r.outcome;
  });
}
