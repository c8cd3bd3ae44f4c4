/** Sharding: N shards of a run partition it, so their union equals the unsharded run. */
import { describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';

const spec = getSpec('bpf@v1');
const backend = modelBackend('bpf@v1', { 'bpf@v1': spec.model });

function sum(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! + (b[k] ?? 0)]));
}

describe('--shard I/N', () => {
  it('random runs: the shards add up to the unsharded run, rule by rule', async () => {
    const whole = await checkSpec(spec, backend, { seed: 11, runs: 600 });
    const shards = await Promise.all([0, 1, 2].map((index) => checkSpec(spec, backend, { seed: 11, runs: 600, shard: { index, count: 3 } })));
    expect(shards.reduce((a, s) => a + s.cases, 0)).toBe(whole.cases);
    expect(shards.map((s) => s.rules).reduce(sum)).toEqual(whole.rules);
    for (const s of shards) expect(s.cases).toBeGreaterThan(0);
  });

  it('exhaustive runs: the shards add up to every class exactly once', async () => {
    const whole = await checkSpec(spec, backend, { seed: 1, runs: 1, exhaustive: true });
    const shards = await Promise.all([0, 1].map((index) => checkSpec(spec, backend, { seed: 1, runs: 1, exhaustive: true, shard: { index, count: 2 } })));
    expect(shards[0]!.cases + shards[1]!.cases).toBe(whole.classes);
    expect(sum(shards[0]!.rules, shards[1]!.rules)).toEqual(whole.rules);
  });
});
