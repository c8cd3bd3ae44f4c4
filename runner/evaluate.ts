/**
 * Evaluating trials of a property on a backend: in one batch, and on a backend failure by
 * bisection down to the trial that causes it. A backend that has never answered in this check and
 * fails on a batch and on its first, middle and last trial alone fails on everything
 * (EveryCaseStop); a protocol violation ends the check at once (ProtocolStop).
 */
import { BackendFailure, stopsWithBatch, type Backend } from './backend.js';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import type { RunOptions } from './options.js';
import type { Failure } from './result.js';
import { EveryCaseStop, ProtocolStop } from './stops.js';

/** The first failing trial of a batch, and the trials that ran before it in the batch it failed in. */
export interface Found {
  index: number;
  failure: Failure;
  before: unknown[];
}

/** The cases a trial submits, as run (restricted). */
export function casesOf(prop: Property, trial: unknown, opts: RunOptions): Case[] {
  return opts.restrict ? prop.cases(trial).map(opts.restrict) : prop.cases(trial);
}

function backendFailure(e: BackendFailure, c: Case): Failure {
  return { kind: 'backend', message: e.message, case: c, hung: e.hung, cause: e.kind };
}

/** Runs cases; a protocol violation becomes ProtocolStop, the backend's answer counts as health. */
async function run(backend: Backend, cases: readonly Case[], opts: RunOptions) {
  try {
    const got = await backend.run(cases);
    if (opts.health) opts.health.answered++;
    return got;
  } catch (e) {
    if (e instanceof BackendFailure && stopsWithBatch(e)) throw new ProtocolStop(e, cases);
    throw e;
  }
}

/** Whether running `cases` alone makes the backend fail (answering at all counts as health). */
async function failsAlone(backend: Backend, cases: readonly Case[], opts: RunOptions): Promise<boolean> {
  try {
    await run(backend, cases, opts);
    return false;
  } catch (e) {
    if (e instanceof BackendFailure) return true;
    throw e;
  }
}

/**
 * Resolves once a backend call just made has had the chance to write its request: after the
 * pending microtasks and I/O callbacks, so the implementation works while the harness computes.
 */
export function requestSent(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Evaluates trials in one batch; see the file comment. null when all pass. */
export async function firstFailure(prop: Property, backend: Backend, trials: readonly unknown[], opts: RunOptions, countRules: boolean): Promise<Found | null> {
  const perTrial = trials.map((t) => casesOf(prop, t, opts));
  const cases = perTrial.flat();
  let got: Awaited<ReturnType<Backend['run']>> = [];
  let models: ModelOutcome[] | null = null;
  if (cases.length > 0) {
    // The model's predictions are computed while the backend works on the batch (settled so a
    // failure waits for its await instead of being an unhandled rejection meanwhile).
    const pending = run(backend, cases, opts).then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    await requestSent();
    models = cases.map((c) => opts.model(c));
    try {
      const r = await pending;
      if (!r.ok) throw r.e;
      got = r.v;
    } catch (e) {
      if (!(e instanceof BackendFailure)) throw e;
      const firstCases = perTrial.find((p) => p.length > 0)!;
      if (opts.health && opts.health.answered === 0) {
        // it never answered: if it fails on cases picked from the start, middle and end alone too,
        // it fails on anything, and bisecting and shrinking would learn nothing at a restart or a
        // timeout each
        const withCases = [...perTrial.keys()].filter((i) => perTrial[i]!.length > 0);
        const picks = [...new Set([0, withCases.length >> 1, withCases.length - 1])].map((i) => withCases[i]!);
        const failing: number[] = [];
        for (const i of picks) if (await failsAlone(backend, perTrial[i]!, opts)) failing.push(i);
        if (failing.length === picks.length) throw new EveryCaseStop(e, firstCases[0]!, picks.length + 1);
        // a trial that failed alone is a culprit already: no bisection needed
        if (failing.length > 0) return { index: failing[0]!, failure: backendFailure(e, perTrial[failing[0]!]![0]!), before: [] };
      }
      if (trials.length === 1) return { index: 0, failure: backendFailure(e, firstCases[0]!), before: [] };
      const mid = trials.length >> 1;
      const left = await firstFailure(prop, backend, trials.slice(0, mid), opts, countRules);
      if (left) return left;
      const right = await firstFailure(prop, backend, trials.slice(mid), opts, countRules);
      if (right) return { ...right, index: mid + right.index };
      // the batch fails and neither half does: the failure needs the cases together
      const last = trials.length - 1;
      return { index: last, failure: backendFailure(e, perTrial[last]!.at(-1) ?? firstCases[0]!), before: trials.slice(0, last) };
    }
  }
  models ??= cases.map((c) => opts.model(c));
  if (countRules) for (const m of models) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
  let at = 0;
  for (let i = 0; i < trials.length; i++) {
    const n = perTrial[i]!.length;
    const r = prop.check(trials[i], got.slice(at, at + n), models.slice(at, at + n), opts.env);
    at += n;
    if (r === null) continue;
    if (typeof r !== 'string' && opts.restrict) r.case = opts.restrict(r.case); // report the case as run
    return { index: i, failure: typeof r === 'string' ? { kind: 'harness', message: r } : { kind: 'violation', violation: r }, before: trials.slice(0, i) };
  }
  return null;
}
