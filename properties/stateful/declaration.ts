/**
 * What a stateful spec declares (docs/stateful.md): its catalogue, its model, how rings and steps
 * are drawn, and the built-in mutants that prove its properties catch lifecycle bugs. Everything
 * else (the fast-check commands, the property, shrinking, reports, replay) is derived by the
 * stateful pack from this, the way properties/pack/ derives the single-SQE properties from a
 * SpecDeclaration.
 */
import type fc from 'fast-check';
import type { StatefulModel } from '../../model/stateful.js';
import type { SpecDefinition } from '../../spec/rule.js';
import type { RingSetup, Step } from '../../spec/stateful/step.js';

/** A deliberately wrong model: a lifecycle bug an implementation could have. */
export interface StatefulMutant<S = unknown> {
  /** kebab-case, unique within the spec, e.g. `update-skips-range-check`. */
  readonly name: string;
  /** One sentence: what the bug is. */
  readonly description: string;
  readonly model: StatefulModel<S>;
}

export interface StatefulDeclaration<Id extends string = string, S = unknown> {
  readonly kind: 'stateful';
  /** The rule catalogue: every step result the model can give names one of these rules. */
  readonly definition: SpecDefinition<Id>;
  readonly model: StatefulModel<S>;
  /** The rings sequences start on. */
  readonly rings: fc.Arbitrary<RingSetup>;
  /**
   * Step generators, state-independent (fc.commands draws from them; the model decides each
   * result from the state). Weighted so every rule is reached in a modest number of runs.
   */
  readonly steps: readonly { readonly weight: number; readonly arbitrary: fc.Arbitrary<Step> }[];
  /** The most steps in a drawn sequence (at most MAX_SEQUENCE_STEPS). */
  readonly maxSteps: number;
  /** null when the step is one the spec describes; else why not (replay and corpus refuse it). */
  domain(step: Step): string | null;
  /** Built-in mutants; each must be killed by the spec's properties with a short sequence. */
  readonly mutants: readonly StatefulMutant[];
  /** What an adapter needs beyond the protocol (e.g. "a kernel where BPF ops can be registered"). */
  readonly needs?: string;
}
