/**
 * The mainline specs against the live kernel (build/c/kernel-adapter, built on first use): every
 * property of nop@6.18 and fixed-buf@6.15 with a fixed seed, which must pass with every rule of
 * the catalogue fired; and bpf@v1, which a mainline kernel cannot run, reported as a skip that
 * says why. Skipped as a whole, with the reason, where the adapter cannot start or its probe finds
 * no io_uring (a container with io_uring disabled, an old kernel): a missing kernel feature is a
 * skip, never a failure.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend, Capabilities } from '../../runner/backend.js';
import { parseBackend } from '../../backends/registry.js';
import { checkSpec, type CheckResult } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';

/** Cases per property: 15-20 thousand cases per spec, some seconds each on a live kernel. */
const RUNS = 1000;
const SEED = 618;

const opened: Backend[] = [];
function kernel(specId: string): Backend {
  const b = parseBackend('kernel', specId);
  opened.push(b);
  return b;
}

/** What the adapter's probe says, or why it could not be asked. */
async function probeKernel(): Promise<{ caps: Capabilities | null; reason: string }> {
  try {
    const caps = await kernel('nop@6.18').probe();
    if (caps.specs.length > 0) return { caps, reason: '' };
    return { caps, reason: `io_uring unavailable here: ${Object.entries(caps.unsupported).map(([k, v]) => `${k}: ${v}`).join('; ')}` };
  } catch (e) {
    return { caps: null, reason: `the kernel backend did not start: ${(e as Error).message}` };
  }
}

const { caps, reason } = await probeKernel();

afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
});

/** The failing properties of a result, each with its one-line message and case, for the assertion message. */
function failures(r: CheckResult): string {
  const bigint = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);
  return r.properties
    .filter((p) => p.status === 'failed')
    .map((p) => `${p.name}: ${JSON.stringify('failure' in p ? p.failure : null, bigint)}`)
    .join('\n');
}

// the reason is in the title, so a summary that counts these as skipped also says why
describe.skipIf(reason !== '')(`live kernel backend${reason ? ` (skipped: ${reason})` : ''}`, () => {
  for (const id of ['nop@6.18', 'fixed-buf@6.15']) {
    it(`${id} passes every property with every rule fired`, async (ctx) => {
      // the adapter refused the spec on this kernel (e.g. no buffer registration): a skip, not a failure
      if (!caps!.specs.includes(id)) ctx.skip(`${id} skipped by the kernel backend: ${caps!.unsupported[id]}`);
      const r = await checkSpec(getSpec(id), kernel(id), { seed: SEED, runs: RUNS });
      expect(r.status, failures(r)).toBe('passed');
      expect(r.cases).toBeGreaterThan(2000);
      const silent = Object.entries(r.rules).filter(([, n]) => n === 0).map(([rule]) => rule);
      expect(silent).toEqual([]);
    });
  }

  it('says whether it can register BPF ops, and why not on a kernel without the series', (ctx) => {
    if (caps!.specs.some((s) => s.startsWith('bpf@'))) ctx.skip('this kernel carries the IORING_OP_BPF series: the VM tests with a patched image cover it');
    expect(caps!.registeredOps).toBe(false);
    const ops = caps!.info.bpfOps as { available: boolean; why: string };
    expect(ops.available).toBe(false);
    // with BTF, the whole of it was read and the series' type is missing; without, the file is
    expect(ops.why).toMatch(existsSync('/sys/kernel/btf/vmlinux') ? /BTF has no struct uring_bpf_ops/ : /no \/sys\/kernel\/btf\/vmlinux/);
  });

  it('bpf@v1 is skipped on a mainline kernel, naming IORING_SETUP_BPF', async (ctx) => {
    if (caps!.specs.includes('bpf@v1')) ctx.skip('this kernel runs bpf@v1 (it has the IORING_OP_BPF series): nothing to skip');
    const r = await checkSpec(getSpec('bpf@v1'), kernel('bpf@v1'), { seed: SEED, runs: 10 });
    expect(r.status).toBe('skipped');
    expect(r.cases).toBe(0);
    expect(r.reason).toMatch(/IORING_SETUP_BPF/);
  });
});
