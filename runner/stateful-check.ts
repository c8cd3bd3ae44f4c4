/**
 * A stateful spec's check: its corpus sequences first, then every stateful property, against a
 * backend that runs sequences (exec protocol uring-spec/2, docs/stateful.md). A backend that does
 * not implement the spec, or speaks only uring-spec/1, is a skip with that reason.
 */
import type { Backend } from './backend.js';
import type { StatefulBundle } from '../registry/specs.js';
import { notImplemented, skippedResult, type CheckOptions, type CheckResult } from './check-options.js';
import type { PropertyResult } from './result.js';
import { inShard, shardOf, WHOLE_RUN } from './shard.js';
import { replayRingSequences, runStatefulProperty, type StatefulRunOptions } from './stateful.js';

/** Why a backend cannot run sequences, or null when it can. */
export function noSequences(backend: Backend, sequences: boolean | undefined): string | null {
  if (sequences && backend.runSequence) return null;
  return `backend ${backend.name} does not run sequences (an exec adapter speaking uring-spec/1 only; stateful specs need uring-spec/2, docs/stateful.md)`;
}

/** Runs every property of the stateful spec against `backend` (probed, not closed). */
export async function checkStateful(spec: StatefulBundle, backend: Backend, opts: CheckOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const caps = await backend.probe();
  const skipped = notImplemented(spec, backend, caps, opts.seed);
  if (skipped) return skipped;
  const why = noSequences(backend, caps.sequences);
  if (why) return skippedResult(spec, backend, caps, opts.seed, why);
  if (opts.exhaustive) throw new Error(`checkSpec: spec ${spec.definition.id} is stateful and has no exhaustive enumeration`);
  const ruleCounts = new Map<string, number>(spec.definition.rules.map((r) => [r.id, 0]));
  const deadline = opts.timeBudget !== undefined ? t0 + opts.timeBudget * 1000 : undefined;
  // a shard runs whole properties (a property's sequences come from one fast-check run), and the
  // corpus's sequences split among the shards
  const shard = opts.shard ?? WHOLE_RUN;
  const props = spec.properties.filter((p, i) => (!opts.only || opts.only.includes(p.name)) && inShard(i, shard));
  const corpus = [...shardOf(opts.corpusRings ?? [], shard)];
  const total = props.length * opts.runs + corpus.length;
  let doneBefore = 0;
  const run = (name: string): StatefulRunOptions => ({
    seed: opts.seed,
    runs: opts.runs,
    model: spec.model,
    ruleCounts,
    env: { data: caps.data },
    deadline,
    shrinkTimeMs: opts.shrinkTimeMs,
    replays: opts.replays,
    // progress counts steps here; the total is a rough one (sequences have up to maxSteps steps)
    onProgress: (n) => opts.onProgress?.({ property: name, casesDone: doneBefore + n, totalCases: Math.max(total, doneBefore + n), rulesFired: [...ruleCounts.values()].filter((v) => v > 0).length }),
  });
  const results: PropertyResult[] = [];
  let stopped: string | null = null;
  const jobs: { name: string; go: () => Promise<PropertyResult> }[] = [];
  if (corpus.length > 0) jobs.push({ name: 'corpus-replay', go: () => replayRingSequences('corpus-replay', corpus, backend, run('corpus-replay')) });
  for (const p of props) jobs.push({ name: p.name, go: () => runStatefulProperty(p, backend, run(p.name)) });
  for (const job of jobs) {
    if (stopped) {
      results.push({ name: job.name, status: 'not-run', reason: stopped, cases: 0, ms: 0, interrupted: false });
      continue;
    }
    const r = await job.go();
    results.push(r);
    opts.onResult?.(r);
    doneBefore += r.cases;
    if (r.failure?.kind === 'protocol') stopped = `not run: the backend broke the exec protocol in ${r.name}`;
  }
  return {
    spec: spec.definition.id,
    backend: backend.name,
    seed: opts.seed,
    capabilities: caps,
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    cases: results.reduce((a, r) => a + r.cases, 0),
    ms: performance.now() - t0,
    interrupted: results.some((r) => r.interrupted),
    properties: results,
    rules: Object.fromEntries(ruleCounts),
  };
}
