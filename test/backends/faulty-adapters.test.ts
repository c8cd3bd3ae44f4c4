/**
 * The faulty adapters of issue 10's "Must show" (test/fixtures/adapters/faulty.mjs, each a proxy
 * over the C reference that gets one thing wrong), each with its expected verdict through the
 * command line: a wrong reply count is one failure that ends the check; a leak into the next case
 * is an order-dependent failure whose report replays (failing with the same adapter, passing with
 * a correct one); a stderr flood passes; a wrong answer now and then is nondeterministic.
 * Timeouts are short and set through the environment; nothing here asserts a duration.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execBackend } from '../../backends/exec/exec-backend.js';
import { BackendFailure } from '../../runner/backend.js';
import { shellQuote } from '../../report/shell-quote.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import { defaultContext } from '../../spec/context.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { BPF_V1_PROPERTY_COUNT } from '../helpers/property-count.js';

const faulty = fileURLToPath(new URL('../fixtures/adapters/faulty.mjs', import.meta.url));
const fake = fileURLToPath(new URL('../fixtures/adapters/fake.mjs', import.meta.url));
const adapter = (mode: string, file = faulty) => `exec:node ${shellQuote(file)} ${mode}`;
const check = (backend: string, ...more: string[]) => runCli(['check', '--spec', 'bpf@v1', '--backend', backend, '--runs', '2000', '--seed', '3', '--no-corpus', ...more]);

/** Whether the exec backend reports a wrong reply count as kind 'protocol' (branch wt-a's change). */
async function execReportsProtocol(): Promise<boolean> {
  const b = execBackend(['node', fake, 'wrong-count']);
  try {
    await b.run([{ sqe: { ...zeroSqe(), opcode: 65 }, ctx: defaultContext() }]);
    return false;
  } catch (e) {
    return e instanceof BackendFailure && e.kind === 'protocol';
  } finally {
    await b.close();
  }
}
const protocolKnown = await execReportsProtocol();

let savedTimeout: string | undefined;
beforeEach(() => {
  savedTimeout = process.env.URING_SPEC_BATCH_TIMEOUT_MS;
  process.env.URING_SPEC_BATCH_TIMEOUT_MS = '2000';
});
afterEach(() => {
  if (savedTimeout === undefined) delete process.env.URING_SPEC_BATCH_TIMEOUT_MS;
  else process.env.URING_SPEC_BATCH_TIMEOUT_MS = savedTimeout;
});

interface JsonProperty {
  name: string;
  status: string;
  reason?: string;
  message?: string;
  counterexample?: { sequence?: unknown; flaky?: { alone: { failed: number; runs: number } } } | null;
}

describe('faulty adapters, each with its verdict', () => {
  it.each(['n-minus-1', 'n-plus-1'])('(a/b) %s: exit 1 with one failure, every other property not run', async (mode) => {
    const r = await check(adapter(mode), '--json');
    expect(r.code).toBe(1);
    const props = JSON.parse(r.out).properties as JsonProperty[];
    const failed = props.filter((p) => p.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/answered \d+ outcomes to batch \d+ \(\d+ cases\)/);
    expect(props.filter((p) => p.status === 'not-run')).toHaveLength(props.length - 1);
  });

  it.skipIf(!protocolKnown).each(['n-minus-1', 'n-plus-1'])(
    '(a/b) %s: the one failure is a protocol violation naming the batch [needs the exec backend\'s protocol-violation detection (branch wt-a)]',
    async (mode) => {
      const r = await check(adapter(mode), '--json');
      const props = JSON.parse(r.out).properties as (JsonProperty & { batch?: unknown[] })[];
      const failed = props.find((p) => p.status === 'failed')!;
      expect(failed.message).toMatch(/^protocol violation: .*in answer to a batch of \d+ cases/);
      expect(failed.batch!.length).toBeGreaterThan(0);
      expect(props.find((p) => p.status === 'not-run')!.reason).toBe(`not run: the backend broke the exec protocol in ${failed.name}`);
    },
  );

  it('(c) leak: exit 1, order-dependent; its report replays: fails with the same adapter, passes with a correct one', async () => {
    const r = await check(adapter('leak'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const failed = (report.properties as JsonProperty[]).filter((p) => p.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const p of failed) {
      expect(p.message).toMatch(/^order-dependent: /);
      expect(p.counterexample!.sequence).toBeDefined();
    }
    const file = join(tempDir(), 'report.json');
    writeFileSync(file, r.out);
    const again = await runCli(['replay', '--spec', 'bpf@v1', '--backend', adapter('leak'), '--report', file]);
    expect(again.code, again.out).toBe(1);
    expect(again.out).toMatch(/ 0 agree|[1-9]\d* differ/);
    const correct = await runCli(['replay', '--spec', 'bpf@v1', '--backend', adapter('ok'), '--report', file]);
    expect(correct.code, correct.out).toBe(0);
    expect(correct.out).toMatch(/ 0 differ/);
  });

  it('(d) flood: a correct adapter that floods stderr passes', async () => {
    const r = await check(adapter('flood'));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(new RegExp(`passed: ${BPF_V1_PROPERTY_COUNT} properties passed, 0 failed;`));
  });

  it('(e) flaky: exit 1, and the failure is said to be nondeterministic, with counts below every time', async () => {
    const r = await check(adapter('flaky'), '--json');
    expect(r.code).toBe(1);
    const failed = (JSON.parse(r.out).properties as JsonProperty[]).filter((p) => p.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const p of failed) {
      expect(p.message).toMatch(/^nondeterministic \(flaky\): /);
      const f = p.counterexample!.flaky!;
      expect(f.alone.failed).toBeLessThan(f.alone.runs);
    }
    const text = await check(adapter('flaky'));
    expect(text.code).toBe(1);
    expect(text.out).toContain('nondeterministic (flaky)');
  });

  it('the correct proxy passes (the faults above are the only difference)', async () => {
    const r = await check(adapter('ok'));
    expect(r.code, r.out).toBe(0);
  });

  it('an adapter that exits after its hello: exit 1 with one failure naming the cause', async () => {
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', adapter('exit-after-hello', fake), '--runs', '10', '--seed', '1', '--no-corpus']);
    expect(r.code).toBe(1);
    expect(r.out.match(/FAIL/g)).toHaveLength(1);
    expect(r.out).toMatch(/the backend fails on every case: .*exited with code 0/);
  });

  it('an adapter that hangs after its hello: exit 1 with one failure, within a few timeouts', async () => {
    process.env.URING_SPEC_BATCH_TIMEOUT_MS = '200';
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', adapter('hang', fake), '--runs', '10', '--seed', '1', '--no-corpus']);
    expect(r.code).toBe(1);
    expect(r.out.match(/FAIL/g)).toHaveLength(1);
    expect(r.out).toMatch(/the backend never answers: .*no response within 200 ms.*4 of 4 runs failed/);
  });
});
