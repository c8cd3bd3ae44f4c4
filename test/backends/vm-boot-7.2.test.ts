/**
 * The 7.2 specs proven on a stock Linux 7.2: Debian sid's linux-image-7.2.* package, fetched by
 * scripts/debian-kernel.mjs through its private sid apt tree (the machine's apt configuration is
 * not touched) and cached in ~/.cache/uring-spec/kernels; URING_SPEC_VM_TEST_KERNEL_7_2 names an
 * image path instead. The guest's adapter must offer nop@7.2 and fixed-buf@7.2, every known-answer
 * row of both must come back from the kernel as the table says, both specs' checks must pass, and
 * the one difference from nop@6.18 that a 7.2 kernel shows (IORING_OP_NOP128 on an SQE128 ring)
 * must be the kernel's answer. The stateful ring-lifecycle@6.18 runs there too: its sequences cross
 * the vm channel as version-2 requests.

 * Skipped, with the reason, without QEMU or without the package. Bounded: three boots (a few
 * seconds each under TCG) and about 8000 cases.
 */
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { parseVmOptions } from '../../backends/vm/options.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import { vmBackend, type VmBackend } from '../../backends/vm/vm-backend.js';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';
import { IORING_OP_NOP128, IORING_SETUP_SQE128 } from '../../spec/mainline-constants.js';
import { defaultContext, parseContext } from '../../spec/context.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import { loadVectors, MainlineVectorSchema } from '../helpers/known-answers.js';
import { loadParsedVectors } from '../helpers/stateful-vectors.js';

const root = projectRoot();

/** The 7.2 image to boot, or why there is none. */
async function findKernel(): Promise<{ image: string | null; label: string; reason: string }> {
  const vm = vmAvailability();
  if (!vm.available) return { image: null, label: '', reason: vm.text };
  const wanted = process.env.URING_SPEC_VM_TEST_KERNEL_7_2;
  if (wanted) return { image: resolve(wanted), label: wanted, reason: '' };
  try {
    const dk = (await import('../../scripts/debian-kernel.mjs')) as {
      seriesPackage(series: string, o: { suite: string }): string;
      fetchDebianKernel(p: string, o: { suite: string }): { package: string; version: string; image: string };
    };
    const k = dk.fetchDebianKernel(dk.seriesPackage('7.2', { suite: 'sid' }), { suite: 'sid' });
    return { image: k.image, label: `${k.package} ${k.version} (sid)`, reason: '' };
  } catch (e) {
    return { image: null, label: '', reason: `no Debian 7.2 kernel to boot: ${(e as Error).message}` };
  }
}

const kernel = await findKernel();
if (kernel.reason) console.warn(`test/backends/vm-boot-7.2.test.ts skipped: ${kernel.reason}`);

async function guestPrograms(): Promise<{ init: string; adapter: string }> {
  const { buildC } = (await import('../../scripts/build-c.mjs')) as { buildC(o: { quiet?: boolean }): string[] };
  buildC({ quiet: true });
  return { init: join(root, 'build', 'c', 'vm-init'), adapter: join(root, 'build', 'c', 'kernel-adapter-static') };
}

const opened: VmBackend[] = [];
function vm(): VmBackend {
  const b = vmBackend(parseVmOptions(`${kernel.image!},timeout=300`), { name: `vm:${kernel.label}`, build: guestPrograms });
  opened.push(b);
  return b;
}
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close().catch(() => {})));
});

describe.skipIf(kernel.reason !== '')(`the 7.2 specs on ${kernel.label || 'Debian 7.2'}`, () => {
  it('the guest offers both 7.2 specs, and answers every known-answer row of both as the tables say', { timeout: 300_000 }, async () => {
    const b = vm();
    const caps = await b.probe();
    const info = caps.info as { kernel?: { release?: string; lastOp?: number } };
    expect(info.kernel?.release).toMatch(/^7\.2\./);
    expect(info.kernel?.lastOp).toBe(64);
    expect(caps.specs).toEqual(expect.arrayContaining(['nop@7.2', 'fixed-buf@7.2', 'nop@6.18', 'fixed-buf@6.15']));
    for (const file of ['nop-7.2.json', 'fixed-buf-7.2.json']) {
      const rows = loadVectors(file, MainlineVectorSchema);
      const out = await b.run(rows.map((r, i) => ({ sqe: { ...sqeFromHex(r.sqe), user_data: BigInt(i + 1) }, ctx: parseContext(r.ctx, r.name) })));
      const wrong = rows.flatMap((r, i) => (out[i]!.res === r.res && out[i]!.posted === r.posted ? [] : [`${r.name}: kernel ${out[i]!.res}/${out[i]!.posted}, table ${r.res}/${r.posted}`]));
      expect(wrong, file).toEqual([]);
    }
    // the version difference nop@6.18 cannot see on 64-byte rings: opcode 63 is NOP128 on 7.2
    const nop128 = { sqe: { ...zeroSqe(), opcode: IORING_OP_NOP128, user_data: 1n }, ctx: { ...defaultContext(), setupFlags: IORING_SETUP_SQE128 } };
    const [got] = await b.run([nop128]);
    expect(got!.res).toBe(0);
    expect(getSpec('nop@7.2').model(nop128)).toMatchObject({ res: 0, rule: 'nop.complete' });
    expect(getSpec('nop@6.18').model(nop128)).toMatchObject({ res: -22, rule: 'generic.opcode.invalid' });
    await b.close();
  });

  for (const id of ['nop@7.2', 'fixed-buf@7.2']) {
    it(`a whole check of ${id} passes, every rule fired, the kernel healthy`, { timeout: 300_000 }, async () => {
      const b = vm();
      const r = await checkSpec(getSpec(id), b, { seed: 72, runs: 150, shrinkTimeMs: 3000 });
      const failed = r.properties.filter((p) => p.status !== 'passed').map((p) => `${p.name}: ${p.status} ${JSON.stringify(p.failure ?? null, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)).slice(0, 400)}`);
      expect(failed).toEqual([]);
      expect(Object.entries(r.rules).filter(([, n]) => n === 0).map(([rule]) => rule)).toEqual([]);
      await b.close(); // throws if the console showed a WARN or worse after the last batch
    });
  }

  it('runs ring-lifecycle@6.18 sequences in the guest (exec protocol version 2 over the vm channel): every known-answer sequence, and a whole check', { timeout: 300_000 }, async () => {
    const b = vm();
    const caps = await b.probe();
    expect(caps.specs).toContain('ring-lifecycle@6.18');
    expect(caps.sequences).toBe(true);
    const wrong: string[] = [];
    for (const v of loadParsedVectors('ring-lifecycle-6.18.json')) {
      const got = await b.runSequence(v.sequence);
      got.forEach((g, i) => {
        if (g.res !== v.expected[i]!.res) wrong.push(`${v.name} step ${i + 1}: kernel ${g.res}, table ${v.expected[i]!.res} (${v.expected[i]!.rule})`);
      });
    }
    expect(wrong).toEqual([]);
    const r = await checkSpec(getSpec('ring-lifecycle@6.18'), b, { seed: 72, runs: 200, shrinkTimeMs: 3000 });
    expect(r.properties.filter((p) => p.status !== 'passed').map((p) => p.name)).toEqual([]);
    await b.close();
  });
});
