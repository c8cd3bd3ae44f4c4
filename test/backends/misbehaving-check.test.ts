/**
 * A backend that crashes or hangs while running cases fails the run with the reason and the case
 * that triggered it, shrunk like any other counterexample; nothing hangs, no child is left.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execBackend } from '../../backends/exec/exec-backend.js';
import { parseBackend } from '../../backends/registry.js';
import { checkSpec } from '../../properties/check.js';
import { getSpec } from '../../registry/specs.js';
import { decodeBpfOpFlags } from '../../spec/bpf-op-flags.js';

const spec = getSpec('bpf@v1');
const fake = fileURLToPath(new URL('../fixtures/adapters/fake.mjs', import.meta.url));

describe('a misbehaving backend in a check', () => {
  it('a crash on one kind of case: failed, with the reason and a minimal triggering case', async () => {
    const backend = parseBackend('mutant:crash-on-buf2-fixed', 'bpf@v1');
    try {
      const r = await checkSpec(spec, backend, { seed: 4, runs: 2000, only: ['model-agreement', 'custom-flags-einval'] });
      expect(r.status).toBe('failed');
      const p = r.properties.find((x) => x.name === 'model-agreement')!;
      expect('failure' in p && p.failure?.kind).toBe('backend');
      if (!('failure' in p) || !p.failure || p.failure.kind !== 'backend') return;
      expect(p.failure.message).toMatch(/signal|exit/);
      expect(decodeBpfOpFlags(p.failure.case.sqe.op_flags).buf2_type).toBe(2);
      expect(p.failure.case.sqe.user_data).toBe(0n); // shrunk
      // the property that never sends buffer 2 fixed is unaffected: the backend was restarted
      expect(r.properties.find((x) => x.name === 'custom-flags-einval')!.status).toBe('passed');
    } finally {
      await backend.close();
    }
  });

  it('a hang: failed within the batch timeout and the shrink budget, child gone', async () => {
    const backend = execBackend(['node', fake, 'hang'], { batchTimeoutMs: 300 });
    try {
      const t0 = Date.now();
      const r = await checkSpec(spec, backend, { seed: 1, runs: 50, only: ['determinism'], shrinkTimeMs: 2000 });
      expect(r.status).toBe('failed');
      const p = r.properties[0]!;
      expect('failure' in p && p.failure?.kind).toBe('backend');
      expect('failure' in p && p.failure?.message).toMatch(/no response within 300 ms/);
      expect(Date.now() - t0).toBeLessThan(30_000);
    } finally {
      await backend.close();
    }
    // every adapter the check started (one per timed-out batch) was killed; none is left
    const pid = backend.pid;
    if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
