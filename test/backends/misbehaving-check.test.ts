/**
 * A backend that crashes or hangs while running cases fails the run with the reason and the case
 * that triggered it, shrunk like any other counterexample; nothing hangs, no child is left.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execBackend } from '../../backends/exec/exec-backend.js';
import { parseBackend } from '../../backends/registry.js';
import { checkSpec } from '../../runner/check.js';
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
      expect(p.failure?.kind).toBe('backend');
      if (!p.failure || p.failure.kind !== 'backend') throw new Error('unreachable: checked above');
      expect(p.failure.message).toMatch(/killed by SIGSEGV/);
      expect(decodeBpfOpFlags(p.failure.case.sqe.op_flags).buf2_type).toBe(2);
      expect(p.failure.case.sqe.user_data).toBe(0n); // shrunk
      // the property that never sends buffer 2 fixed is unaffected: the backend was restarted
      expect(r.properties.find((x) => x.name === 'custom-flags-einval')!.status).toBe('passed');
    } finally {
      await backend.close();
    }
  });

  it('a hang: the property fails within the batch timeout and the shrink budget, the rest are not run, no child is left', async () => {
    const pids: number[] = [];
    const backend = execBackend(['node', fake, 'hang'], { batchTimeoutMs: 300, onSpawn: (pid) => pids.push(pid) });
    try {
      const t0 = Date.now();
      const r = await checkSpec(spec, backend, { seed: 1, runs: 50, only: ['determinism', 'model-agreement', 'check-order'], shrinkTimeMs: 2000 });
      expect(r.status).toBe('failed');
      const p = r.properties[0]!;
      expect(p.failure?.kind).toBe('backend');
      expect(p.failure?.message).toMatch(/no response within 300 ms/);
      // one hung property is enough: the others would each cost timeouts
      expect(r.properties.slice(1).map((x) => [x.status, x.reason])).toEqual([
        ['not-run', `not run: the backend stopped answering in ${p.name}`],
        ['not-run', `not run: the backend stopped answering in ${p.name}`],
      ]);
      expect(Date.now() - t0).toBeLessThan(30_000);
    } finally {
      await backend.close();
    }
    // every adapter the check started (a new one after each timed-out batch) was killed
    expect(pids.length).toBeGreaterThan(1);
    for (const pid of pids) expect(() => process.kill(pid, 0), `pid ${pid}`).toThrow(/ESRCH/);
  });
});
