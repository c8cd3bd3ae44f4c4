/**
 * A property: a generator of trials, the cases each trial submits, and a check of what came back.
 * Properties take any backend; a property whose trials submit no case checks the harness itself
 * (codecs) and runs once per check whatever the backend.
 */
import type fc from 'fast-check';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { Case } from './case.js';

/** What a property expected of one case. */
export interface Expected {
  res: number;
  /** The rule that should have fired, when the property names one. */
  rule: string | null;
  posted?: boolean;
}

/** A property's verdict on one trial that failed. */
export interface Violation {
  /** The case to reproduce (the one whose outcome is wrong). */
  case: Case;
  expected: Expected;
  actual: Outcome;
  /** One line: what was wrong. */
  message: string;
}

/** What a check may consult besides the outcomes. */
export interface CheckEnv {
  /** Whether the backend exposes uring_bpf_data (compare data only then). */
  data: boolean;
}

/** A property over trials of type T. */
export interface Property<T = unknown> {
  /** Stable kebab-case name: reports, JUnit test names and replay commands use it. */
  readonly name: string;
  /** One sentence: what must hold. */
  readonly description: string;
  /** Rule ids the property is about (for reports). */
  readonly rules: readonly string[];
  /** True when the property needs a context with a registered BPF op (skipped where none can be). */
  readonly needsRegisteredOps?: boolean;
  readonly arbitrary: fc.Arbitrary<T>;
  /** The cases a trial submits, in order; none for a harness-only property. */
  cases(trial: T): Case[];
  /**
   * null when the trial passes; a Violation (or, for a harness property, a message) when not.
   * `got[i]` is the backend's outcome of `cases(trial)[i]` and `model[i]` the spec model's.
   */
  check(trial: T, got: readonly Outcome[], model: readonly ModelOutcome[], env: CheckEnv): Violation | string | null;
}

/** Helper for properties: erase T for lists. */
export function property<T>(p: Property<T>): Property<unknown> {
  return p as unknown as Property<unknown>;
}
