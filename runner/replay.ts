/**
 * Fixed cases instead of generated ones (a regression corpus, exhaustive mode's classes): each is
 * sent to the backend in batches and must agree with the model. Nothing to shrink: the cases are
 * already the ones to look at.
 */
import { BackendFailure, type Backend } from './backend.js';
import { runEach } from './run-each.js';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import { agreeWithModel } from '../properties/checks.js';
import type { CheckEnv } from '../properties/property.js';
import type { Failure, PropertyResult } from './runner.js';

/** Options of a replay. */
export interface ReplayOptions {
  model(c: Case): ModelOutcome;
  env: CheckEnv;
  batchSize: number;
  ruleCounts?: Map<string, number>;
  deadline?: number;
  onProgress?(casesDone: number): void;
}

/** Runs `cases` as the property `name`; the first disagreement fails it. */
export async function replayCases(name: string, cases: Iterable<Case>, backend: Backend, opts: ReplayOptions): Promise<PropertyResult> {
  const t0 = performance.now();
  let done = 0;
  const it = cases[Symbol.iterator]();
  for (;;) {
    if (opts.deadline !== undefined && performance.now() > opts.deadline) {
      if (done === 0) return { name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted: true };
      return { name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted: true };
    }
    const batch: Case[] = [];
    for (let r = it.next(); !r.done; r = batch.length < opts.batchSize ? it.next() : { done: true, value: undefined }) batch.push(r.value);
    if (batch.length === 0) break;
    const { results, batchFailure } = await runEach(backend, batch, { stopAtFirstFailure: true });
    if (batchFailure) {
      // the case that makes the backend fail; when none does alone, the batch's failure
      const i = results.findIndex((r) => r instanceof BackendFailure);
      const cause = i >= 0 ? (results[i] as BackendFailure) : batchFailure;
      return failed(name, t0, done, { kind: 'backend', message: cause.message, case: batch[Math.max(0, i)]! });
    }
    for (let i = 0; i < batch.length; i++) {
      const m = opts.model(batch[i]!);
      if (opts.ruleCounts) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
      const v = agreeWithModel(batch[i]!, results[i] as Outcome, m, opts.env);
      if (v) return failed(name, t0, done + i + 1, { kind: 'violation', violation: v });
    }
    done += batch.length;
    opts.onProgress?.(done);
  }
  return { name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted: false };
}

function failed(name: string, t0: number, done: number, failure: Failure): PropertyResult {
  const ms = performance.now() - t0;
  return { name, status: 'failed', cases: done, ms, interrupted: false, failure: { ...failure, shrinks: 0, trial: null, msToFailure: ms } };
}
