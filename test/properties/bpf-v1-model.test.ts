/**
 * Every bpf@v1 property against the model, with fixed seeds so test names and cases are stable.
 * The properties' expectations are written from the spec, so this checks the model as well.
 */
import { describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { checkSpec } from '../../properties/check.js';
import { runProperty } from '../../properties/runner.js';
import { getSpec } from '../../registry/specs.js';
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';

const spec = getSpec('bpf@v1');
const backend = modelBackend('bpf@v1', { 'bpf@v1': spec.model });

describe('bpf@v1 properties against the model', () => {
  for (const prop of [...spec.properties, ...HARNESS_PROPERTIES]) {
    it(prop.name, async () => {
      const ruleCounts = new Map<string, number>();
      const r = await runProperty(prop, backend, { seed: 20251104, cases: 3000, batchSize: 256, model: spec.model, ruleCounts, env: { data: true } });
      expect(r.failure, JSON.stringify(r.failure, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))).toBeUndefined();
      expect(r.status).toBe('passed');
      expect(r.cases).toBeGreaterThanOrEqual(3000);
    });
  }

  it('fires every rule of the catalogue in one check', async () => {
    const r = await checkSpec(spec, backend, { seed: 7, runs: 5000 });
    expect(r.status).toBe('passed');
    const silent = Object.entries(r.rules).filter(([, n]) => n === 0).map(([id]) => id);
    expect(silent).toEqual([]);
  });

  it('gives the same cases and verdict for the same seed', async () => {
    const a = await checkSpec(spec, backend, { seed: 99, runs: 500 });
    const b = await checkSpec(spec, backend, { seed: 99, runs: 500 });
    expect(a.rules).toEqual(b.rules);
    expect(a.cases).toBe(b.cases);
  });
});
