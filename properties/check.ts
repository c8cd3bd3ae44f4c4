/**
 * A whole check: every property of a spec, plus the harness's codec properties, against one
 * backend, with rule counts. Returns data; formatting is report/'s business.
 */
import type { Backend, Capabilities } from '../backends/backend.js';
import type { SpecBundle } from '../registry/specs.js';
import type { Case } from './case.js';
import type { Property } from './property.js';
import { runProperty, type PropertyResult, type RunOptions } from './runner.js';
import { HARNESS_PROPERTIES } from './harness/codec-properties.js';

/** What to run. */
export interface CheckOptions {
  seed: number;
  /** Cases per property. */
  runs: number;
  batchSize?: number;
  /** Seconds after which no new batch starts (the run then reports what ran). */
  timeBudget?: number;
  shard?: { index: number; count: number };
  /** Only properties whose name is listed. */
  only?: readonly string[];
  onProgress?(p: { property: string; casesDone: number; totalCases: number; rulesFired: number }): void;
}

/** The result of a check. */
export interface CheckResult {
  spec: string;
  backend: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
  seed: number;
  cases: number;
  ms: number;
  interrupted: boolean;
  properties: (PropertyResult | { name: string; status: 'skipped'; cases: 0; ms: 0; reason: string; interrupted: false })[];
  /** Rule id -> times fired (every rule of the catalogue present, zeros included). */
  rules: Record<string, number>;
  capabilities: Capabilities | null;
}

/** Runs every property of `spec` against `backend`. The backend is probed, not closed. */
export async function checkSpec(spec: SpecBundle, backend: Backend, opts: CheckOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const caps = await backend.probe();
  const ruleCounts = new Map<string, number>(spec.definition.rules.map((r) => [r.id, 0]));
  const base = { spec: spec.definition.id, backend: backend.name, seed: opts.seed, capabilities: caps };
  if (!caps.specs.includes(spec.definition.id)) {
    const reason = caps.unsupported[spec.definition.id] ?? `backend ${backend.name} does not implement ${spec.definition.id} (it implements: ${caps.specs.join(', ') || 'none'})`;
    return { ...base, status: 'skipped', reason, cases: 0, ms: 0, interrupted: false, properties: [], rules: Object.fromEntries(ruleCounts) };
  }
  const all: Property[] = [...spec.properties, ...HARNESS_PROPERTIES].filter((p) => !opts.only || opts.only.includes(p.name));
  const deadline = opts.timeBudget !== undefined ? t0 + opts.timeBudget * 1000 : undefined;
  const results: PropertyResult[] = [];
  let doneBefore = 0;
  const total = all.length * opts.runs;
  for (const prop of all) {
    const run: RunOptions = {
      seed: opts.seed,
      cases: opts.runs,
      batchSize: Math.min(opts.batchSize ?? 256, caps.maxBatch),
      model: (c: Case) => spec.model(c),
      ruleCounts,
      env: { data: caps.data },
      deadline,
      shard: opts.shard,
      onProgress: (n) => opts.onProgress?.({ property: prop.name, casesDone: doneBefore + n, totalCases: total, rulesFired: [...ruleCounts.values()].filter((v) => v > 0).length }),
    };
    const r = await runProperty(prop, backend, run);
    results.push(r);
    doneBefore += r.cases;
  }
  const ms = performance.now() - t0;
  return {
    ...base,
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    cases: results.reduce((a, r) => a + r.cases, 0),
    ms,
    interrupted: results.some((r) => r.interrupted),
    properties: results,
    rules: Object.fromEntries(ruleCounts),
  };
}
