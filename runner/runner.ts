/**
 * Runs one property against one backend: trials are generated with fast-check arbitraries from a
 * derived seed, their cases sent in batches (a process backend pays one round trip per batch, not
 * per case), and a failing trial is shrunk with the arbitrary's own shrinker, candidates also
 * evaluated in batches, down to one minimal trial.
 */
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { BackendFailure, type Backend } from './backend.js';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { CheckEnv, Property, Violation } from '../properties/property.js';
import { biasFor, propertySeed } from './seed.js';
import { inShard, WHOLE_RUN, type Shard } from './shard.js';

/** How a property run is bounded and what it reports to. */
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
   * that never ends.
   */
  shrinkTimeMs?: number;
  /** Called after each batch with the cases done so far in this property. */
  onProgress?(casesDone: number): void;
}

/** Why a trial failed. */
export type Failure =
  | { kind: 'violation'; violation: Violation }
  | { kind: 'harness'; message: string }
  | { kind: 'backend'; message: string; case: Case; hung?: boolean };

/** The result of one property. */
export interface PropertyResult {
  name: string;
  /** 'not-run': the deadline (or a hung backend) came before its first case. */
  status: 'passed' | 'failed' | 'skipped' | 'not-run';
  /** Why it was skipped or not run. */
  reason?: string;
  /** Cases sent to the backend (trials, for a harness property). */
  cases: number;
  ms: number;
  /** True when the deadline stopped it before its case count. */
  interrupted: boolean;
  failure?: Failure & { shrinks: number; trial: unknown; msToFailure: number };
}

type Trial = fc.Value<unknown>;

/** Evaluates trials in one batch; on a backend failure, bisects to the trial that causes it. */
async function evaluate(prop: Property, backend: Backend, trials: readonly unknown[], opts: RunOptions, countRules: boolean): Promise<(Failure | null)[]> {
  const perTrial = trials.map((t) => (opts.restrict ? prop.cases(t).map(opts.restrict) : prop.cases(t)));
  const cases = perTrial.flat();
  let got: Outcome[] = [];
  if (cases.length > 0) {
    try {
      got = await backend.run(cases);
    } catch (e) {
      if (!(e instanceof BackendFailure)) throw e;
      if (trials.length === 1) return [{ kind: 'backend', message: e.message, case: perTrial[0]![0]!, hung: e.hung }];
      const mid = trials.length >> 1;
      const left = await evaluate(prop, backend, trials.slice(0, mid), opts, countRules);
      if (left.some((f) => f)) return [...left, ...trials.slice(mid).map(() => null)];
      return [...left, ...(await evaluate(prop, backend, trials.slice(mid), opts, countRules))];
    }
  }
  const models = cases.map((c) => opts.model(c));
  if (countRules) for (const m of models) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
  const out: (Failure | null)[] = [];
  let at = 0;
  for (let i = 0; i < trials.length; i++) {
    const n = perTrial[i]!.length;
    const r = prop.check(trials[i], got.slice(at, at + n), models.slice(at, at + n), opts.env);
    at += n;
    if (r !== null && typeof r !== 'string' && opts.restrict) r.case = opts.restrict(r.case); // report the case as run
    out.push(r === null ? null : typeof r === 'string' ? { kind: 'harness', message: r } : { kind: 'violation', violation: r });
  }
  return out;
}

/** Shrinks a failing trial: the first failing candidate of each batch becomes the new current. */
async function shrink(prop: Property, backend: Backend, start: Trial, failure: Failure, opts: RunOptions): Promise<{ trial: Trial; failure: Failure; shrinks: number }> {
  let current = start;
  let currentFailure = failure;
  let shrinks = 0;
  let evaluated = 0;
  const max = opts.maxShrinks ?? 50_000;
  // shrinkers list their boldest candidates first, so the first of a small batch usually wins:
  // small batches waste fewer evaluations, while a process backend still gets several per trip
  const batchSize = Math.min(opts.batchSize, 32);
  // bounded by the shrink budget and by the run's deadline, whichever comes first
  const stopAt = Math.min(performance.now() + (opts.shrinkTimeMs ?? 10_000), opts.deadline ?? Infinity);
  outer: while (evaluated < max && performance.now() < stopAt) {
    const it = prop.arbitrary.shrink(current.value, current.context)[Symbol.iterator]();
    for (;;) {
      const batch: Trial[] = [];
      for (let r = it.next(); !r.done; r = batch.length < batchSize ? it.next() : { done: true, value: undefined }) batch.push(r.value);
      if (batch.length === 0) break outer;
      evaluated += batch.length;
      const verdicts = await evaluate(prop, backend, batch.map((b) => b.value), opts, false);
      const i = verdicts.findIndex((v) => v !== null);
      if (i >= 0) {
        current = batch[i]!;
        currentFailure = verdicts[i]!;
        shrinks++;
        continue outer;
      }
      if (evaluated >= max || performance.now() >= stopAt) break outer;
    }
  }
  return { trial: current, failure: currentFailure, shrinks };
}

/** Runs one property to its case count, its first failure, or the deadline. */
export async function runProperty(prop: Property, backend: Backend, opts: RunOptions): Promise<PropertyResult> {
  const t0 = performance.now();
  const rng = new fc.Random(xoroshiro128plus(propertySeed(opts.seed, prop.name)));
  const shard = opts.shard ?? WHOLE_RUN;
  let generated = 0;
  let done = 0;
  let trialIndex = 0;
  let interrupted = false;
  while (generated < opts.cases) {
    if (opts.deadline !== undefined && performance.now() > opts.deadline) {
      interrupted = true;
      break;
    }
    // A batch keeps each trial's value and the generator state it came from, not the fast-check
    // Value: a Value's shrink context keeps much of its generation alive, and a batch of those
    // outliving the young generation made the garbage collector the biggest cost. The failing
    // trial is generated again from its state to get the context back for shrinking.
    const values: unknown[] = [];
    const states: { rng: fc.Random; bias: number }[] = [];
    let batchCases = 0;
    while (batchCases < opts.batchSize && generated < opts.cases) {
      const bias = biasFor(trialIndex);
      const mine = inShard(trialIndex++, shard);
      const state = mine ? rng.clone() : null;
      const value = prop.arbitrary.generate(rng, bias).value;
      const n = Math.max(1, prop.cases(value).length);
      generated += n;
      if (!state) continue;
      values.push(value);
      states.push({ rng: state, bias });
      batchCases += n;
    }
    if (values.length === 0) continue;
    const verdicts = await evaluate(prop, backend, values, opts, true);
    done += batchCases;
    opts.onProgress?.(done);
    const i = verdicts.findIndex((v) => v !== null);
    if (i >= 0) {
      const msToFailure = performance.now() - t0;
      const again = prop.arbitrary.generate(states[i]!.rng, states[i]!.bias);
      const s = await shrink(prop, backend, again, verdicts[i]!, opts);
      return { name: prop.name, status: 'failed', cases: done, ms: performance.now() - t0, interrupted: false, failure: { ...s.failure, shrinks: s.shrinks, trial: s.trial.value, msToFailure } };
    }
  }
  if (interrupted && done === 0) return { name: prop.name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted };
  return { name: prop.name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted };
}
