/**
 * `specSuite`: a spec's properties as vitest tests, one test per property, named by the property
 * alone (no seed in the title, so test history and JUnit reports line up run after run). A failing
 * test throws the reproduction `uring-spec check` prints.
 */
import { afterAll, describe, inject, it } from 'vitest';
import { parseBackend } from '../backends/registry.js';
import { getSpec, type SpecBundle } from '../registry/specs.js';
import { checkReport } from '../report/json.js';
import type { Backend } from '../runner/backend.js';
import { checkPropertyNames, checkSpec } from '../runner/check.js';
import { freshSeed } from '../runner/seed.js';
import { inShard } from '../runner/shard.js';
import { failureText, PropertyFailure } from './failure-text.js';
import { SHARD_KEY } from './shard.js';

/** What a spec suite runs. */
export interface SpecSuiteOptions {
  /** A spec id (`bpf@v1`, `nop@6.18`, ...) or a spec bundle (single-SQE or stateful). */
  spec: string | SpecBundle;
  /** A backend name as the CLI takes it (`c-ref`, `exec:./my-adapter`, ...) or a Backend. */
  backend: string | Backend;
  /** Cases per property (default 1000). */
  runs?: number;
  /** The run seed; default $URING_SPEC_SEED, else a fresh one (printed in every failure). */
  seed?: number;
  /** Per-test timeout in ms (default 300000): shrinking against a slow adapter takes a while. */
  timeout?: number;
  /** Cases per backend round trip (default 256). */
  batchSize?: number;
}

function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`specSuite: ${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function seedFrom(opts: SpecSuiteOptions): number {
  if (opts.seed !== undefined) return wholeNumber('seed', opts.seed, -0x80000000, 0xffffffff) >>> 0;
  const env = process.env.URING_SPEC_SEED;
  if (env === undefined || env === '') return freshSeed();
  if (!/^-?\d+$/.test(env)) throw new Error(`specSuite: URING_SPEC_SEED must be a 32-bit integer, got '${env}'`);
  return wholeNumber('URING_SPEC_SEED', Number(env), -0x80000000, 0xffffffff) >>> 0;
}

/** The shard vitest runs, when the uring-spec plugin provided it (see ./plugin.ts). */
function currentShard() {
  try {
    return inject(SHARD_KEY) ?? null;
  } catch {
    return null; // an older vitest without provide/inject: the whole suite
  }
}

/**
 * Registers a `describe` block with one test per property of the spec (the spec's own and the
 * harness's codec properties). Call it at the top level of a test file.
 */
export function specSuite(opts: SpecSuiteOptions): void {
  const runs = wholeNumber('runs', opts.runs ?? 1000, 1, Number.MAX_SAFE_INTEGER);
  const batchSize = wholeNumber('batchSize', opts.batchSize ?? 256, 1, 4096);
  const timeout = wholeNumber('timeout', opts.timeout ?? 300_000, 1, 0x7fffffff);
  const seed = seedFrom(opts);
  let spec: SpecBundle;
  let backend: Backend;
  try {
    spec = typeof opts.spec === 'string' ? getSpec(opts.spec) : opts.spec;
    // parseBackend starts nothing: an adapter starts on the first test's probe
    backend = typeof opts.backend === 'string' ? parseBackend(opts.backend, spec.definition.id) : opts.backend;
  } catch (e) {
    throw new Error(`specSuite: ${(e as Error).message}`);
  }
  const specId = spec.definition.id;
  const owned = typeof opts.backend === 'string';
  const shard = currentShard();
  const names = checkPropertyNames(spec);
  // a property belongs to one shard by its place in the list, so the shards partition the suite
  const mine = shard ? names.filter((_, i) => inShard(i, shard)) : names;
  // after the backend stopped answering, each further property would wait out a batch timeout
  let hung: string | null = null;

  describe(`uring-spec ${specId} on ${backend.name}`, () => {
    afterAll(async () => {
      if (owned) await backend.close();
    });
    // more shards than properties: say so, rather than leave a suite vitest calls empty
    if (mine.length === 0 && shard) it.skip(`no property of ${specId} falls in shard ${shard.index + 1}/${shard.count}`, () => {});
    for (const name of mine) {
      it(name, async (ctx) => {
        if (hung) ctx.skip(hung);
        const result = await checkSpec(spec, backend, { seed, runs, batchSize, only: [name] });
        if (result.status === 'skipped') ctx.skip(result.reason ?? 'skipped by the backend');
        const report = checkReport(spec, result);
        const prop = report.properties.find((p) => p.name === name);
        if (!prop) throw new Error(`specSuite: property ${name} did not run (internal error)`);
        if (prop.status === 'skipped' || prop.status === 'not-run') ctx.skip(prop.reason ?? prop.status);
        const raw = result.properties.find((p) => p.name === name);
        if (raw?.failure?.kind === 'backend' && raw.failure.hung) hung = `not run: the backend stopped answering in ${name}`;
        if (prop.status === 'failed') throw new PropertyFailure(failureText(specId, backend.name, seed, prop));
      }, timeout);
    }
  });
}
