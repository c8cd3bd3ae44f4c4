/**
 * The vm backend's two channels on a real kernel: the same cases through the shared-memory
 * channel and through the serial port (the fallback: with channel=serial the guest finds no
 * ivshmem device and takes ttyS1) give the same outcomes, and each says which channel it took.
 * Debian's default kernel, as in vm-boot.test.ts (URING_SPEC_VM_TEST_KERNEL names another package
 * or an image path); skipped with the reason without QEMU or a kernel. Two boots.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBackend } from '../../backends/registry.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import type { Backend } from '../../runner/backend.js';
import { getSpec } from '../../registry/specs.js';

/** The image to boot, or why there is none. */
async function findImage(): Promise<{ image: string | null; reason: string }> {
  const vm = vmAvailability();
  if (!vm.available) return { image: null, reason: vm.text };
  if (vm.channel !== 'ivshmem') return { image: null, reason: `this QEMU has no ivshmem-plain (${vm.text})` };
  const wanted = process.env.URING_SPEC_VM_TEST_KERNEL;
  if (wanted && wanted.includes('/')) return { image: resolve(wanted), reason: '' };
  try {
    const dk = (await import('../../scripts/debian-kernel.mjs')) as { defaultDebianKernelPackage(): string; fetchDebianKernel(p: string): { image: string } };
    return { image: dk.fetchDebianKernel(wanted ?? dk.defaultDebianKernelPackage()).image, reason: '' };
  } catch (e) {
    return { image: null, reason: `no Debian kernel to boot: ${(e as Error).message}` };
  }
}

const { image, reason } = await findImage();
if (reason) console.warn(`test/backends/vm-channel.test.ts skipped: ${reason}`);

const opened: Backend[] = [];
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close().catch(() => {})));
});

/** The model-agreement cases of a spec, drawn with a fixed seed. */
function casesOf(id: string, runs: number) {
  const prop = getSpec(id).properties.find((p) => p.name === 'model-agreement')!;
  return fc.sample(prop.arbitrary, { seed: 12, numRuns: runs }).flatMap((t) => prop.cases(t));
}

describe.skipIf(reason !== '')('vm channels on a real kernel', () => {
  it('shared memory and the serial fallback answer the same cases alike, and each names its channel', async () => {
    const cases = [...casesOf('nop@6.18', 300), ...casesOf('fixed-buf@6.15', 300)];
    const outcomes: Record<string, unknown> = {};
    for (const [option, channel] of [
      ['ivshmem', /^ivshmem$/],
      ['serial', /^serial \(channel=serial\)$/],
    ] as const) {
      const b = parseBackend(`vm:${image},channel=${option}`, 'nop@6.18');
      opened.push(b);
      const caps = await b.probe();
      expect((caps.info.vm as { channel: string }).channel).toMatch(channel);
      // batches of several sizes, the frames' edges included
      const out = [...(await b.run(cases.slice(0, 1))), ...(await b.run(cases.slice(1, 257))), ...(await b.run(cases.slice(257)))];
      expect(out).toHaveLength(cases.length);
      outcomes[option] = out;
      await b.close();
    }
    expect(outcomes.ivshmem).toEqual(outcomes.serial);
  }, 600_000);
});
