/** What a property run reports: its status, and for a failure, what failed and how it was confirmed. */
import type { BackendFailureKind } from './backend.js';
import type { Case } from '../properties/case.js';
import type { Violation } from '../properties/property.js';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { StepSequence } from '../spec/stateful/step.js';
import type { Sequence } from './sequence.js';

/** Why a trial failed. */
export type Failure =
  | { kind: 'violation'; violation: Violation }
  | { kind: 'harness'; message: string }
  | {
      kind: 'backend';
      message: string;
      case: Case;
      hung?: boolean;
      /** crash or hang (a protocol violation is kind 'protocol'). */
      cause?: BackendFailureKind;
      /** It failed on every case it was given: no case is to blame, the check ended here. */
      everyCase?: boolean;
    }
  /** The backend broke the exec protocol: the check ended here; nothing was bisected or shrunk. */
  | { kind: 'protocol'; message: string; batch: Case[]; stderrTail: string; /** a sequence request, for a stateful spec */ steps?: StepSequence }
  /** The kernel under test failed (a console report) while running the batch: the check ended here; nothing was bisected or shrunk. */
  | { kind: 'kernel'; message: string; batch: Case[]; stderrTail: string; steps?: StepSequence }
  /** A stateful spec's sequence (shrunk): the first wrong step, or the backend failing on the sequence. */
  | StepsFailure;

/** A sequence of steps on one ring that went wrong (runner/stateful.ts). */
export interface StepsFailure {
  kind: 'steps';
  message: string;
  ringSequence: StepSequence;
  /** Index of the first wrong step (the last one when the backend crashed or hung on the sequence). */
  differs: number;
  /** The model's prediction of every step. */
  expected: ModelOutcome[];
  /** The backend's outcome of every step; null when it failed on the sequence (crash, hang). */
  actual: Outcome[] | null;
  /** sequence-determinism: the outcomes of the second run. */
  again?: Outcome[];
  /** crash or hang, when the backend failed on the sequence. */
  cause?: BackendFailureKind;
}

/** How often a failure came back when it was replayed (alone, and in the batch it was seen in). */
export interface Flakiness {
  alone: { failed: number; runs: number };
  /** Replays of the whole batch it failed in, when the case passed alone. */
  batch?: { failed: number; runs: number; cases: number };
}

/** What settling a failure adds to it: shrinking, and how replays classified it. */
export interface Settlement {
  shrinks: number;
  trial: unknown;
  /** Order-dependent: the minimal sequence (run as one batch) whose case `differs` is wrong. */
  sequence?: Sequence;
  /** Nondeterministic: did not fail on every replay (never reported as a plain counterexample). */
  flaky?: Flakiness;
}

/** A failure, settled. */
export type SettledFailure = Failure & Settlement;

/** A failure as reported: settled, with the time it took to find it. */
export type ReportedFailure = SettledFailure & { msToFailure: number };

/** The result of one property. */
export interface PropertyResult {
  name: string;
  /** 'not-run': the deadline (or a backend that stopped the check) came before its first case. */
  status: 'passed' | 'failed' | 'skipped' | 'not-run';
  /** Why it was skipped or not run. */
  reason?: string;
  /** Cases sent to the backend (trials, for a harness property). */
  cases: number;
  ms: number;
  /** True when the deadline stopped it before its case count. */
  interrupted: boolean;
  failure?: ReportedFailure;
}

/** The message of any failure. */
export function failureMessage(f: Failure): string {
  return f.kind === 'violation' ? f.violation.message : f.message;
}

/** The case a failure names (null for harness and protocol failures). */
export function failureCase(f: Failure): Case | null {
  return f.kind === 'violation' ? f.violation.case : f.kind === 'backend' ? f.case : null;
}
