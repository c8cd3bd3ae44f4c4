/** Long runs: --time-budget stops cleanly and reports what ran; the progress line is for terminals only. */
import { describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { progressLine } from '../../cli/progress.js';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';
import { runCli } from '../helpers/run-cli.js';

const spec = getSpec('bpf@v1');

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write(chunk: string) {
    s.text += chunk;
    return true;
  } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('--time-budget', () => {
  it('stops starting batches once the budget is spent and reports the cases that ran', async () => {
    const backend = modelBackend('bpf@v1', { 'bpf@v1': spec.model });
    // a budget of 0 s is spent before the first property starts: nothing runs, nothing fails
    const r = await checkSpec(spec, backend, { seed: 1, runs: 1_000_000, timeBudget: 0 });
    expect(r.status).toBe('passed');
    expect(r.interrupted).toBe(true);
    expect(r.cases).toBe(0);
    // not reported as passed: none of them ran
    expect(new Set(r.properties.map((p) => p.status))).toEqual(new Set(['not-run']));
  });

  it('the command says loudly what the budget left unrun, and exits 1 unless --allow-partial', async () => {
    const argv = ['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '100000000', '--time-budget', '1', '--seed', '3', '--no-corpus'];
    const r = await runCli(argv);
    expect(r.code).toBe(1);
    expect(r.out).toContain('stopped by --time-budget');
    expect(r.out).toMatch(/INCOMPLETE: \d+ properties passed, 0 failed, \d+ NOT RUN; \d+ cases/);
    expect(r.out).toMatch(/\d+ properties did not run \(the time budget was spent before it started\): the check is incomplete and exits 1 unless --allow-partial/);
    expect(r.out).toMatch(/n\/a +sqe-codec-bytes-roundtrip +0 cases +\(the time budget was spent before it started\)/);
    const allowed = await runCli([...argv, '--allow-partial']);
    expect(allowed.code).toBe(0);
  });

  it('stops a stateful check too: a spent budget runs no sequence and says so, with steps as the unit', async () => {
    const stateful = getSpec('ring-lifecycle@6.18');
    const backend = modelBackend(stateful.definition.id, {}, { [stateful.definition.id]: (stateful as { model: never }).model });
    const none = await checkSpec(stateful, backend, { seed: 1, runs: 1_000_000, timeBudget: 0 });
    expect(none.interrupted).toBe(true);
    expect(none.cases).toBe(0);
    expect(new Set(none.properties.map((p) => p.status))).toEqual(new Set(['not-run']));
    const argv = ['check', '--spec', 'ring-lifecycle@6.18', '--backend', 'model', '--runs', '100000000', '--time-budget', '1', '--seed', '3', '--no-corpus'];
    const r = await runCli(argv);
    expect(r.out).toContain('stopped by --time-budget');
    expect(r.out).toMatch(/\d+ steps in /);
    // whatever the machine's speed: exit 1 exactly when some property did not run
    expect(r.code).toBe(/NOT RUN/.test(r.out) ? 1 : 0);
  });
});

describe('progress line', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const s = fakeStream(false);
    const p = progressLine(s, 15);
    p.update({ property: 'x', casesDone: 10, totalCases: 100, rulesFired: 3 });
    p.done();
    expect(s.text).toBe('');
  });

  it('on a terminal, after the first second: cases done, cases per second, rules fired; erased at the end', async () => {
    const s = fakeStream(true);
    const p = progressLine(s, 15);
    p.update({ property: 'model-agreement', casesDone: 10, totalCases: 100, rulesFired: 3 });
    expect(s.text).toBe(''); // not in the first second
    await new Promise((r) => setTimeout(r, 1100));
    p.update({ property: 'model-agreement', casesDone: 50, totalCases: 100, rulesFired: 7 });
    expect(s.text).toMatch(/50\/100 cases, \d+ cases\/s, 7\/15 rules fired, model-agreement/);
    p.done();
    expect(s.text.endsWith('\r\x1b[K')).toBe(true);
  });
});
