/**
 * Replaying fixed cases (the regression corpus, exhaustive mode's representatives) as a property:
 * sent to the backend in batches and must agree with the model. Nothing to shrink: the cases are
 * already the ones to look at. A failure is still confirmed by replays before it is reported
 * (settle.ts: alone, else as a sequence, else flaky); a sequence from the corpus runs as one batch.
 */
import fc from 'fast-check';
import { BackendFailure, stopsWithBatch, type Backend } from './backend.js';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import { agreeWithModel } from '../properties/checks.js';
import type { CheckEnv, Property } from '../properties/property.js';
import type { Sqe } from '../spec/sqe-layout.js';
import type { Found } from './evaluate.js';
import type { RunOptions } from './options.js';
import type { Failure, PropertyResult, SettledFailure } from './result.js';
import { stopFailure } from './runner.js';
import type { Sequence } from './sequence.js';
import { settle } from './settle.js';
import { EveryCaseStop, ProtocolStop, type BackendHealth } from './stops.js';

/** Options of a replay. */
export interface ReplayOptions {
  model(c: Case): ModelOutcome;
  env: CheckEnv;
  batchSize: number;
  ruleCounts?: Map<string, number>;
  deadline?: number;
  onProgress?(casesDone: number): void;
  /** See RunOptions. */
  health?: BackendHealth;
  domain?(sqe: Sqe): string | null;
  replays?: number;
  shrinkTimeMs?: number;
}

/** A fixed case as a property, so a failure settles like any other (its one trial does not shrink). */
function fixedCaseProperty(name: string): Property {
  return {
    name,
    description: 'a fixed case agrees with the model',
    rules: [],
    arbitrary: fc.constant(null), // never generated from nor shrunk (settle with shrink: false)
    cases: (c) => [c as Case],
    check: (c, got, model, env) => agreeWithModel(c as Case, got[0]!, model[0]!, env),
  };
}

function runOptions(opts: ReplayOptions): RunOptions {
  return { seed: 0, cases: 0, batchSize: opts.batchSize, model: opts.model, ruleCounts: new Map(), env: opts.env, deadline: opts.deadline, domain: opts.domain, health: opts.health, replays: opts.replays, shrinkTimeMs: opts.shrinkTimeMs };
}

/** Runs cases; protocol violations become ProtocolStop, an answer counts as health. */
async function run(backend: Backend, cases: readonly Case[], opts: ReplayOptions): Promise<Awaited<ReturnType<Backend['run']>> | BackendFailure> {
  try {
    const got = await backend.run(cases);
    if (opts.health) opts.health.answered++;
    return got;
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    if (stopsWithBatch(e)) throw new ProtocolStop(e, cases);
    return e;
  }
}

/** The failure of a batch the backend failed on: the first case that fails alone, else the batch as a whole. */
async function blame(backend: Backend, batch: readonly Case[], e: BackendFailure, opts: ReplayOptions): Promise<Found> {
  const asFailure = (f: BackendFailure, c: Case): Failure => ({ kind: 'backend', message: f.message, case: c, hung: f.hung, cause: f.kind });
  const never = opts.health?.answered === 0;
  for (let i = 0; i < batch.length; i++) {
    const got = await run(backend, [batch[i]!], opts);
    if (got instanceof BackendFailure) {
      // it never answered, and fails on the first, middle and last case alone: nothing to blame
      if (never && i === 0) {
        const others = [...new Set([batch.length >> 1, batch.length - 1])].filter((j) => j > 0);
        let all = true;
        for (const j of others) if (!((await run(backend, [batch[j]!], opts)) instanceof BackendFailure)) all = false;
        if (all) throw new EveryCaseStop(e, batch[0]!, others.length + 2);
      }
      return { index: i, failure: asFailure(got, batch[i]!), before: [] };
    }
  }
  return { index: batch.length - 1, failure: asFailure(e, batch.at(-1)!), before: batch.slice(0, -1) };
}

/** Runs `cases` as the property `name`; the first disagreement fails it. */
export async function replayCases(name: string, cases: Iterable<Case>, backend: Backend, opts: ReplayOptions, sequences: readonly Sequence[] = []): Promise<PropertyResult> {
  const t0 = performance.now();
  let done = 0;
  const it = cases[Symbol.iterator]();
  const settleFound = async (batch: readonly Case[], found: Found): Promise<PropertyResult> =>
    failed(name, t0, done + found.index + 1, await settle(fixedCaseProperty(name), backend, new fc.Value(batch[found.index]!, undefined), found, runOptions(opts), { shrink: false }));
  try {
    // a sequence runs as one batch, as recorded; the differing case is found by the same replay
    for (const s of sequences) {
      const batch = s.cases;
      const got = await run(backend, batch, opts);
      if (got instanceof BackendFailure) return await settleFound(batch, { index: batch.length - 1, failure: { kind: 'backend', message: got.message, case: batch.at(-1)!, hung: got.hung, cause: got.kind }, before: batch.slice(0, -1) });
      const i = batch.findIndex((c, j) => agreeWithModel(c, got[j]!, opts.model(c), opts.env) !== null);
      if (i >= 0) return await settleFound(batch, { index: i, failure: { kind: 'violation', violation: agreeWithModel(batch[i]!, got[i]!, opts.model(batch[i]!), opts.env)! }, before: batch.slice(0, i) });
      done += batch.length;
    }
    for (;;) {
      if (opts.deadline !== undefined && performance.now() > opts.deadline) {
        if (done === 0) return { name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted: true };
        return { name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted: true };
      }
      const batch: Case[] = [];
      for (let r = it.next(); !r.done; r = batch.length < opts.batchSize ? it.next() : { done: true, value: undefined }) batch.push(r.value);
      if (batch.length === 0) break;
      const got = await run(backend, batch, opts);
      if (got instanceof BackendFailure) return await settleFound(batch, await blame(backend, batch, got, opts));
      for (let i = 0; i < batch.length; i++) {
        const m = opts.model(batch[i]!);
        if (opts.ruleCounts) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
        const v = agreeWithModel(batch[i]!, got[i]!, m, opts.env);
        if (v) return await settleFound(batch, { index: i, failure: { kind: 'violation', violation: v }, before: batch.slice(0, i) });
      }
      done += batch.length;
      opts.onProgress?.(done);
    }
  } catch (e) {
    if (!(e instanceof ProtocolStop) && !(e instanceof EveryCaseStop)) throw e;
    return failed(name, t0, done, stopFailure(e));
  }
  return { name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted: false };
}

function failed(name: string, t0: number, done: number, failure: SettledFailure): PropertyResult {
  const ms = performance.now() - t0;
  return { name, status: 'failed', cases: done, ms, interrupted: false, failure: { ...failure, msToFailure: ms } };
}
