/**
 * One backend's line of the bench: the differential property (model-agreement) run to a case
 * count, its cases per second, and where the time went:
 *   generation     fast-check producing the trials and their cases (replayed on its own)
 *   encoding       case records in, outcome records out (the harness's codecs, timed on their own)
 *   transport      what is left of the time inside backend.run: pipes, event loop, batch waits
 *   implementation the implementation itself (the model's function; an adapter program fed the
 *                  same request stream from memory, start-up subtracted)
 *   comparison     the rest of the run: the model, the property's check, rule counts
 * Each is a share of the run's wall time; transport is a remainder, so noise lands there. The
 * runner generates the next batch and computes the model's predictions while a backend works on
 * the current one, so on a backend in another process the shares overlap (and add up to more).
 */
import type { Case } from '../properties/case.js';
import type { Backend } from '../runner/backend.js';
import { runProperty } from '../runner/runner.js';
import type { CaseSpecBundle } from '../registry/specs.js';
import { adapterAloneMs } from './adapter-alone.js';
import { codecMs, requestStream } from './codec-cost.js';
import { generationMs } from './generation.js';

export interface Profile {
  casesPerSec: number;
  /** Shares of the run's wall time, 0..1. */
  share: { generation: number; encoding: number; transport: number; implementation: number; comparison: number };
}

/** How a backend line is run. */
export interface ProfileOptions {
  seed: number;
  cases: number;
  batchSize: number;
  /** The adapter program behind an exec backend, to time it alone; absent for in-process backends. */
  exe?: string;
}

/** A backend that records the batches it is given and the time spent in run(). */
function timed(backend: Backend): { backend: Backend; batches: Case[][]; runMs: () => number } {
  const batches: Case[][] = [];
  let ms = 0;
  return {
    batches,
    runMs: () => ms,
    backend: {
      name: backend.name,
      probe: () => backend.probe(),
      close: () => backend.close(),
      async run(cases) {
        batches.push([...cases]);
        const t0 = performance.now();
        try {
          return await backend.run(cases);
        } finally {
          ms += performance.now() - t0;
        }
      },
    },
  };
}

/** Runs model-agreement of spec on backend once and splits its time (see the file comment). */
export async function profile(spec: CaseSpecBundle, backend: Backend, o: ProfileOptions): Promise<Profile> {
  const caps = await backend.probe();
  const prop = spec.properties.find((p) => p.name === 'model-agreement')!;
  const t = timed(backend);
  const t0 = performance.now();
  const r = await runProperty(prop, t.backend, { seed: o.seed, cases: o.cases, batchSize: Math.min(o.batchSize, caps.maxBatch), model: (c) => spec.model(c), ruleCounts: new Map(), env: { data: caps.data } });
  const totalMs = performance.now() - t0;
  if (r.status !== 'passed') throw new Error(`bench: ${backend.name} failed model-agreement; run uring-spec check to see why`);
  const runMs = t.runMs();
  const gen = Math.min(generationMs(prop, o.seed, o.cases), totalMs);
  let enc = 0;
  let impl = runMs;
  if (o.exe) {
    const c = codecMs(t.batches);
    enc = c.encodeMs + c.decodeMs;
    impl = Math.min(adapterAloneMs(o.exe, requestStream(t.batches), 1), runMs);
  }
  const transport = Math.max(0, runMs - enc - impl);
  const comparison = Math.max(0, totalMs - gen - runMs);
  return {
    casesPerSec: r.cases / (totalMs / 1000),
    share: { generation: gen / totalMs, encoding: enc / totalMs, transport: transport / totalMs, implementation: impl / totalMs, comparison: comparison / totalMs },
  };
}
