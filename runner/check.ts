/**
 * A whole check: every property of a spec, plus the harness's codec properties, against one
 * backend, with rule counts. Returns data; formatting is report/'s business. A stateful spec's
 * check (sequences on one ring) is checkStateful (stateful-check.ts); checkSpec takes either.
 */
import type { Backend, Capabilities } from './backend.js';
import { isStateful, type CaseSpecBundle, type SpecBundle } from '../registry/specs.js';
import { checkStateful } from './stateful-check.js';
import { notImplemented, type CheckOptions, type CheckResult } from './check-options.js';

export type { CheckOptions, CheckResult } from './check-options.js';
export { notImplemented, skippedResult } from './check-options.js';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import { runProperty, type PropertyResult, type RunOptions } from './runner.js';
import { HARNESS_PROPERTIES } from '../properties/harness/codec-properties.js';
import { replayCases } from './replay.js';
import { shardOf, WHOLE_RUN, type Shard } from './shard.js';
import type { Sequence } from './sequence.js';
import type { BackendHealth } from './stops.js';

/** The names of the properties a check of `spec` runs, in order (harness properties included). */
export function checkPropertyNames(spec: SpecBundle): string[] {
  return isStateful(spec) ? spec.properties.map((p) => p.name) : [...spec.properties, ...HARNESS_PROPERTIES].map((p) => p.name);
}

/** Runs every property of `spec` against `backend`. The backend is probed, not closed. */
export async function checkSpec(spec: SpecBundle, backend: Backend, opts: CheckOptions): Promise<CheckResult> {
  if (isStateful(spec)) return checkStateful(spec, backend, opts);
  return checkCaseSpec(spec, backend, opts);
}

async function checkCaseSpec(spec: CaseSpecBundle, backend: Backend, opts: CheckOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const caps = await backend.probe();
  const ruleCounts = new Map<string, number>(spec.definition.rules.map((r) => [r.id, 0]));
  const base = { spec: spec.definition.id, backend: backend.name, seed: opts.seed, capabilities: caps };
  const skipped0 = notImplemented(spec, backend, caps, opts.seed);
  if (skipped0) return skipped0;
  // a backend that cannot register BPF ops runs every case with none registered
  const noOps = caps.registeredOps === false;
  const restrict = noOps ? (c: Case): Case => (c.ctx.ops.length === 0 ? c : { ...c, ctx: { ...c.ctx, ops: [] } }) : undefined;
  const all: Property[] = opts.exhaustive ? [] : [...spec.properties, ...HARNESS_PROPERTIES].filter((p) => !opts.only || opts.only.includes(p.name));
  const deadline = opts.timeBudget !== undefined ? t0 + opts.timeBudget * 1000 : undefined;
  const results: PropertyResult[] = [];
  let doneBefore = 0;
  // without an explicit size, the batch the backend prefers (the kernel adapter amortises its
  // io_uring_enter calls over 4096 cases), else 256; never more than it accepts
  const preferred = typeof caps.info.preferredBatch === 'number' && caps.info.preferredBatch >= 1 ? caps.info.preferredBatch : 256;
  const batchSize = Math.min(opts.batchSize ?? preferred, caps.maxBatch);
  const shard = opts.shard ?? WHOLE_RUN;
  const fixed: { name: string; cases: Iterable<Case>; size: number; sequences?: Sequence[] }[] = [];
  if ((opts.corpus && opts.corpus.length > 0) || (opts.corpusSequences && opts.corpusSequences.length > 0)) {
    const own = [...shardOf(opts.corpus ?? [], shard)];
    const sequences = [...shardOf(opts.corpusSequences ?? [], shard)].map((q) => (restrict ? { ...q, cases: q.cases.map(restrict) } : q));
    fixed.push({ name: 'corpus-replay', cases: own, size: own.length + sequences.reduce((a, q) => a + q.cases.length, 0), sequences });
  }
  let classes: number | undefined;
  if (opts.exhaustive) {
    const enumerate = spec.exhaustive?.bind(spec);
    if (!enumerate) throw new Error(`checkSpec: spec ${spec.definition.id} has no exhaustive enumeration`);
    // streamed: a spec may have hundreds of thousands of classes
    let count = 0;
    for (const _ of enumerate()) count++;
    classes = count;
    const cases = mapLazily(shardOf(enumerate(), shard), (x) => x.case);
    fixed.push({ name: 'exhaustive', cases, size: Math.ceil((count - shard.index) / shard.count) });
  }
  const total = all.length * opts.runs + fixed.reduce((a, f) => a + f.size, 0);
  const progress = (name: string) => (n: number) =>
    opts.onProgress?.({ property: name, casesDone: doneBefore + n, totalCases: total, rulesFired: [...ruleCounts.values()].filter((v) => v > 0).length });
  // shared by every property: a backend that never answered may fail on everything (runner/evaluate.ts)
  const health: BackendHealth = { answered: 0 };
  const domain = (sqe: Case['sqe'], ctx?: Case['ctx']) => spec.domain(sqe, ctx);
  // set when a failure ends the check: a protocol violation, or a backend failing on every case
  let stopped: string | null = null;
  let hung: string | null = null;
  const stopReason = (r: PropertyResult): string | null => {
    const f = r.failure;
    if (f?.kind === 'protocol') return `not run: the backend broke the exec protocol in ${r.name}`;
    if (f?.kind === 'kernel') return `not run: the kernel under test failed in ${r.name}`;
    if (f?.kind === 'backend' && f.everyCase) return f.hung ? `not run: the backend stopped answering in ${r.name}` : `not run: the backend failed on every case in ${r.name}`;
    return null;
  };
  for (const f of fixed) {
    if (stopped) {
      results.push({ name: f.name, status: 'not-run', reason: stopped, cases: 0, ms: 0, interrupted: false });
      continue;
    }
    const cases = restrict ? mapLazily(f.cases, restrict) : f.cases;
    const r = await replayCases(f.name, cases, backend, { model: (c) => spec.model(c), env: { data: caps.data }, batchSize, ruleCounts, deadline, onProgress: progress(f.name), health, domain, replays: opts.replays, shrinkTimeMs: opts.shrinkTimeMs }, f.sequences);
    results.push(r);
    stopped = stopReason(r);
    opts.onResult?.(r);
    doneBefore += r.cases;
  }
  const skipped: CheckResult['properties'] = [];
  for (const prop of all) {
    // a check-ending failure: nothing else is run, not even the codec properties, so the report
    // has one failure for its one cause
    if (stopped) {
      results.push({ name: prop.name, status: 'not-run', reason: stopped, cases: 0, ms: 0, interrupted: false });
      continue;
    }
    // after a backend stopped answering, every further case would cost a batch timeout (the
    // codec properties send none and still run)
    if (hung && !HARNESS_PROPERTIES.includes(prop)) {
      results.push({ name: prop.name, status: 'not-run', reason: hung, cases: 0, ms: 0, interrupted: false });
      continue;
    }
    if (noOps && prop.needsRegisteredOps) {
      skipped.push({ name: prop.name, status: 'skipped', cases: 0, ms: 0, reason: `backend ${backend.name} cannot register BPF ops`, interrupted: false });
      continue;
    }
    const run: RunOptions = {
      seed: opts.seed,
      cases: opts.runs,
      batchSize,
      model: (c: Case) => spec.model(c),
      ruleCounts,
      env: { data: caps.data },
      deadline,
      shard,
      shrinkTimeMs: opts.shrinkTimeMs,
      replays: opts.replays,
      restrict,
      domain,
      health,
      onProgress: progress(prop.name),
    };
    const r = await runProperty(prop, backend, run);
    results.push(r);
    stopped = stopReason(r);
    opts.onResult?.(r);
    if (r.failure?.kind === 'backend' && r.failure.hung) hung = `not run: the backend stopped answering in ${prop.name}`;
    doneBefore += r.cases;
  }
  const ms = performance.now() - t0;
  return {
    ...base,
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    cases: results.reduce((a, r) => a + r.cases, 0),
    ms,
    interrupted: results.some((r) => r.interrupted),
    ...(classes !== undefined ? { classes } : {}),
    properties: [...results, ...skipped],
    rules: Object.fromEntries(ruleCounts),
  };
}

/** `xs` with `f` applied to each, one at a time (an exhaustive enumeration can be large). */
function* mapLazily<T, U>(xs: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of xs) yield f(x);
}
