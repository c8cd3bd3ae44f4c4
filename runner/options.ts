/** How a property run is bounded and what it reports to. */
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { CheckEnv } from '../properties/property.js';
import type { Sqe } from '../spec/sqe-layout.js';
import type { Shard } from './shard.js';
import type { BackendHealth } from './stops.js';

/** Options of runProperty. */
export interface RunOptions {
  /** The run seed (each property derives its own from it). */
  seed: number;
  /** Cases per property (trials, for a property that submits none). */
  cases: number;
  /** Cases per backend round trip. */
  batchSize: number;
  /** The spec's model, for differential checks and rule counts. */
  model(c: Case): ModelOutcome;
  /** Rule id -> times fired, counted over every case sent to the backend. */
  ruleCounts: Map<string, number>;
  env: CheckEnv;
  /** performance.now() after which no new batch starts. */
  deadline?: number;
  /** Run only this shard's trials (all shards generate the same sequence). */
  shard?: Shard;
  /** Rewrites every case before it is run (e.g. no registered ops), model and backend alike. */
  restrict?(c: Case): Case;
  /** Upper bound on shrink candidates evaluated. */
  maxShrinks?: number;
  /**
   * Upper bound on the time spent shrinking (default 10 s): a backend that hangs costs a whole
   * batch timeout per candidate, and a counterexample a little larger than minimal beats a run
   * that never ends. Shrinking a sequence gets the same bound again.
   */
  shrinkTimeMs?: number;
  /**
   * How many times a failure is replayed before it is reported (default 3): alone, and when it
   * passes alone, in the batch it failed in. Less than every time is reported as flaky.
   */
  replays?: number;
  /** The spec's domain: a sequence's fields are shrunk toward zero only within it. */
  domain?(sqe: Sqe): string | null;
  /** Shared by the properties of one check: whether the backend has ever answered a batch. */
  health?: BackendHealth;
  /** Called after each batch with the cases done so far in this property. */
  onProgress?(casesDone: number): void;
}

/** The replays of a failure before it is reported. */
export function replaysOf(opts: RunOptions): number {
  return opts.replays ?? 3;
}
