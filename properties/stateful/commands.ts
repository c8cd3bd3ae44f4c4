/**
 * Steps as fast-check commands (model-based testing, `fc.commands`): a trial is a ring and a list
 * of commands drawn from a declaration's weighted step generators; fast-check shrinks it by
 * dropping commands and shrinking each step. Steps are state-independent (the model decides each
 * result from the state), so every command applies; running one with `fc.modelRun` records its
 * step, and the recorded steps are the sequence sent to the backend as one request.
 */
import fc from 'fast-check';
import type { RingSetup, Step, StepSequence } from '../../spec/stateful/step.js';
import type { StatefulDeclaration } from './declaration.js';

/** What the commands write to as fc.modelRun runs them: their steps, in the order they ran. */
export interface StepRecorder {
  steps: Step[];
}

/** One step as a command: always applicable; running it records the step. */
export class StepCommand implements fc.Command<object, StepRecorder> {
  constructor(readonly step: Step) {}

  check(): boolean {
    return true;
  }

  run(_model: object, real: StepRecorder): void {
    real.steps.push(this.step);
  }

  toString(): string {
    return JSON.stringify(this.step, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
  }
}

/** A trial of a stateful property: the ring and the commands run on it. */
export interface SequenceTrial {
  ring: RingSetup;
  commands: Iterable<fc.Command<object, StepRecorder>>;
}

/** The trials of a declaration: a ring from `rings`, up to `maxSteps` steps from the weighted generators. */
export function sequenceTrials(decl: Pick<StatefulDeclaration, 'rings' | 'steps' | 'maxSteps'>): fc.Arbitrary<SequenceTrial> {
  const step = fc.oneof(...decl.steps.map((s) => ({ weight: s.weight, arbitrary: s.arbitrary })));
  // size 'max': lengths spread over 0..maxSteps (fast-check's default keeps lists near 10)
  return fc.record({ ring: decl.rings, commands: fc.commands([step.map((s) => new StepCommand(s))], { maxCommands: decl.maxSteps, size: 'max' }) });
}

/** The sequence a trial stands for: its commands run through fc.modelRun, each recording its step. */
export function sequenceOf(trial: SequenceTrial): StepSequence {
  const recorder: StepRecorder = { steps: [] };
  fc.modelRun(() => ({ model: {}, real: recorder }), trial.commands);
  return { ring: trial.ring, steps: recorder.steps };
}
