/**
 * A backend that cannot register BPF ops (a live kernel with the series but no BPF program):
 * every case runs with no registered op, data is not compared, and the property that needs a
 * registered op is skipped, not failed.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../runner/backend.js';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';

const spec = getSpec('bpf@v1');

/** The model, honest about having no ops: it fails a case that arrives with ops registered. */
function noOpsBackend(seen: { withOps: number; cases: number }): Backend {
  return {
    name: 'no-ops',
    async probe() {
      return { name: 'no-ops', specs: ['bpf@v1'], unsupported: {}, data: false, registeredOps: false, maxBatch: 4096, info: {} };
    },
    async run(cases) {
      return cases.map((c) => {
        seen.cases++;
        if (c.ctx.ops.length > 0) seen.withOps++;
        const { rule: _r, data: _d, ...o } = spec.model(c);
        return { ...o, data: null };
      });
    },
    async close() {},
  };
}

describe('a backend without registered ops', () => {
  it('gets only contexts without ops, and skips the properties that need one', async () => {
    const seen = { withOps: 0, cases: 0 };
    const r = await checkSpec(spec, noOpsBackend(seen), { seed: 2, runs: 300 });
    expect(r.status).toBe('passed');
    expect(seen.cases).toBeGreaterThan(0);
    expect(seen.withOps).toBe(0);
    const skipped = r.properties.filter((p) => p.status === 'skipped').map((p) => p.name);
    expect(skipped).toEqual(['valid-combinations-accepted']);
    expect(r.rules['bpf.prep.ok']).toBe(0);
    expect(r.rules['bpf.op.unregistered']).toBeGreaterThan(0);
  });
});
