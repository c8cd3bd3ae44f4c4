/**
 * Runs one property against one backend: trials are generated with fast-check arbitraries from a
 * derived seed and their cases sent in batches (a process backend pays one round trip per batch,
 * not per case). A failing trial is confirmed, shrunk and classified before it is reported
 * (settle.ts): a plain minimal counterexample, an order-dependent sequence, or a flaky failure.
 * A protocol violation or a backend that fails on every case ends the property at once.
 */
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Backend } from './backend.js';
import type { Property } from '../properties/property.js';
import { firstFailure, requestSent } from './evaluate.js';
import type { RunOptions } from './options.js';
import type { PropertyResult, SettledFailure } from './result.js';
import { biasFor, propertySeed } from './seed.js';
import { settle } from './settle.js';
import { inShard, WHOLE_RUN } from './shard.js';
import { EveryCaseStop, ProtocolStop } from './stops.js';

export type { RunOptions } from './options.js';
export type { Failure, PropertyResult, ReportedFailure, SettledFailure, Flakiness } from './result.js';

/** The one failure a check-ending stop becomes. */
export function stopFailure(e: ProtocolStop | EveryCaseStop): SettledFailure {
  const f = e.failure;
  if (e instanceof ProtocolStop && f.kind === 'kernel') {
    const message = `${f.message}\nthe check stopped here: the kernel under test failed while running a batch of ${e.batch.length} cases (nothing was bisected or shrunk; the batch, replayed on a fresh boot, is the reproduction)`;
    return { kind: 'kernel', message, batch: [...e.batch], stderrTail: f.stderrTail, shrinks: 0, trial: null };
  }
  if (e instanceof ProtocolStop) {
    // the stderr tail is in the message when the backend put it there; else it is added here
    const tail = f.stderrTail && !f.message.includes(f.stderrTail) ? `; stderr: ${f.stderrTail}` : '';
    const message = `protocol violation: ${f.message}, in answer to a batch of ${e.batch.length} cases${tail}; the check stopped here`;
    return { kind: 'protocol', message, batch: [...e.batch], stderrTail: f.stderrTail, shrinks: 0, trial: null };
  }
  const what = f.hung ? 'never answers' : 'fails on every case';
  const message = `the backend ${what}: ${f.message} (the batch and cases from its start, middle and end alone: ${e.runs} of ${e.runs} runs failed); the check stopped here`;
  return { kind: 'backend', message, case: e.first, hung: f.hung, cause: f.kind, everyCase: true, shrinks: 0, trial: null };
}

/** Runs one property to its case count, its first failure, or the deadline. */
export async function runProperty(prop: Property, backend: Backend, opts: RunOptions): Promise<PropertyResult> {
  const t0 = performance.now();
  let done = 0;
  try {
    return await runTrials(prop, backend, opts, t0, (n) => (done = n));
  } catch (e) {
    if (!(e instanceof ProtocolStop) && !(e instanceof EveryCaseStop)) throw e;
    const ms = performance.now() - t0;
    return { name: prop.name, status: 'failed', cases: done, ms, interrupted: false, failure: { ...stopFailure(e), msToFailure: ms } };
  }
}

async function runTrials(prop: Property, backend: Backend, opts: RunOptions, t0: number, setDone: (n: number) => void): Promise<PropertyResult> {
  const rng = new fc.Random(xoroshiro128plus(propertySeed(opts.seed, prop.name)));
  const shard = opts.shard ?? WHOLE_RUN;
  let generated = 0;
  let done = 0;
  let trialIndex = 0;
  let interrupted = false;
  // A batch keeps each trial's value and the generator state it came from, not the fast-check
  // Value: a Value's shrink context keeps much of its generation alive, and a batch of those
  // outliving the young generation made the garbage collector the biggest cost. The failing
  // trial is generated again from its state to get the context back for shrinking.
  const nextBatch = (): { values: unknown[]; states: { rng: fc.Random; bias: number }[]; cases: number } | null => {
    while (generated < opts.cases) {
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
      if (values.length > 0) return { values, states, cases: batchCases };
    }
    return null;
  };
  let batch = nextBatch();
  while (batch) {
    if (opts.deadline !== undefined && performance.now() > opts.deadline) {
      interrupted = true;
      break;
    }
    setDone(done);
    // settled at once: a stop thrown while the next batch is generated waits for its await below
    const pending = firstFailure(prop, backend, batch.values, opts, true).then(
      (found) => ({ ok: true as const, found }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    // The next batch is generated while this one runs (the same generator in the same order, so
    // the same trials; a batch generated after a failure is simply not run).
    await requestSent();
    const following = nextBatch();
    const settled = await pending;
    if (!settled.ok) throw settled.e;
    const found = settled.found;
    done += batch.cases;
    setDone(done);
    opts.onProgress?.(done);
    if (found) {
      const msToFailure = performance.now() - t0;
      const again = prop.arbitrary.generate(batch.states[found.index]!.rng, batch.states[found.index]!.bias);
      const s = await settle(prop, backend, again, found, opts);
      return { name: prop.name, status: 'failed', cases: done, ms: performance.now() - t0, interrupted: false, failure: { ...s, msToFailure } };
    }
    batch = following;
  }
  if (interrupted && done === 0) return { name: prop.name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted };
  return { name: prop.name, status: 'passed', cases: done, ms: performance.now() - t0, interrupted };
}
