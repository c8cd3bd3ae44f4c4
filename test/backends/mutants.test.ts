/** The kill matrix: the C reference passes every property and every mutant is caught. */
import { describe, expect, it } from 'vitest';
import { killMatrix } from '../../backends/kill-matrix.js';
import { listMutants } from '../../backends/registry.js';
import { getSpec } from '../../registry/specs.js';
import { runCli } from '../helpers/run-cli.js';

describe('mutants of the C reference', () => {
  it('has at least 16 named mutants, each described', () => {
    const m = listMutants();
    expect(m.length).toBeGreaterThanOrEqual(16);
    expect(new Set(m.map((x) => x.name)).size).toBe(m.length);
    for (const x of m) expect(x.description.length).toBeGreaterThan(10);
  });

  it('c-ref passes and every mutant is killed, each with a counterexample', async () => {
    const { reference, mutants } = await killMatrix(getSpec('bpf@v1'), 20251104, 300);
    expect(reference.status).toBe('passed');
    const survivors = mutants.filter((m) => !m.killed).map((m) => m.name);
    expect(survivors).toEqual([]);
    for (const m of mutants) {
      expect(m.killedBy.length, m.name).toBeGreaterThan(0);
      expect(m.counterexample?.replay, m.name).toContain(`--backend mutant:${m.name}`);
    }
    // 28 checks with shrinking: minutes on a loaded 2-core machine; the limit only stops a hang
  }, 600_000);

  it('the command prints the matrix as JSON and exits 0', async () => {
    const r = await runCli(['mutants', '--spec', 'bpf@v1', '--runs', '300', '--seed', '9', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.reference.status).toBe('passed');
    expect(j.killed).toBe(j.total);
    expect(j.mutants[0]).toEqual(expect.objectContaining({ name: expect.any(String), killed: true, killedBy: expect.any(Array), msToKill: expect.any(Number) }));
  }, 600_000);
});
