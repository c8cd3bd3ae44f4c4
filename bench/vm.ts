/**
 * The vm backend's line of `npm run bench`: nop@6.18's model-agreement through a QEMU guest, as a
 * ratio to the floor measured in the same run. Its own file so bench.ts only calls it. The image is
 * BENCH_VM_IMAGE, else Debian's default kernel if scripts/debian-kernel.mjs has fetched it; without
 * either (or without QEMU) the line says why it was skipped. The boot is not counted: the figure is
 * the channel and the guest kernel, cases per second once the adapter has said hello.
 */
import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseBackend, projectRoot } from '../backends/registry.js';
import { vmAvailability } from '../backends/vm/qemu.js';
import type { CaseSpecBundle } from '../registry/specs.js';

/**
 * The cases the vm line runs: some thousands a second over the shared-memory channel under TCG
 * (a few seconds' worth, so a busy moment weighs little), some hundreds over the serial one.
 */
const VM_CASES = Number(process.env.BENCH_VM_CASES ?? 10_000);

/** The vm line's figure: cases per second and the channel the frames took. */
export interface VmRate {
  casesPerSec: number;
  channel: string;
}

/** The image to boot, or why there is none. */
async function image(): Promise<string> {
  if (process.env.BENCH_VM_IMAGE) return process.env.BENCH_VM_IMAGE;
  const script = join(projectRoot(), 'scripts', 'debian-kernel.mjs');
  const dk = (await import(script)) as { kernelCacheDir(): string; defaultDebianKernelPackage(): string };
  const pkg = dk.defaultDebianKernelPackage();
  const cache = dk.kernelCacheDir();
  const dir = existsSync(cache) ? readdirSync(cache).find((d) => d.startsWith(`${pkg}_`) && !d.includes('.tmp-')) : undefined;
  if (!dir) throw new Error(`set BENCH_VM_IMAGE, or fetch Debian's kernel first: node scripts/debian-kernel.mjs ${pkg}`);
  const boot = join(cache, dir, 'boot');
  return join(boot, readdirSync(boot).find((f) => f.startsWith('vmlinuz-'))!);
}

/** The vm backend's cases per second on `spec`, or why it was not measured (string). */
export async function vmRate(spec: CaseSpecBundle, seed: number, options = '', count = VM_CASES): Promise<VmRate | string> {
  const vm = vmAvailability();
  if (!vm.available) return `skipped: ${vm.text}`;
  let img: string;
  try {
    img = await image();
  } catch (e) {
    return `skipped: ${(e as Error).message.replace(/^debian-kernel: /, '')}`;
  }
  const backend = parseBackend(`vm:${img}${options}`, spec.definition.id);
  try {
    const caps = await backend.probe();
    if (!caps.specs.includes(spec.definition.id)) return `skipped: ${caps.unsupported[spec.definition.id] ?? 'unsupported'}`;
    const prop = spec.properties.find((p) => p.name === 'model-agreement')!;
    // the property's own cases and the model beside each batch, as the differential check does,
    // but never stopping at a disagreement: the guest's kernel need not be the spec's version
    const cases = fc.sample(prop.arbitrary, { seed, numRuns: count }).flatMap((t) => prop.cases(t));
    const batch = Math.min(256, caps.maxBatch);
    const t0 = performance.now();
    for (let i = 0; i < cases.length; i += batch) {
      const chunk = cases.slice(i, i + batch);
      await backend.run(chunk);
      for (const c of chunk) spec.model(c);
    }
    const channel = String((caps.info.vm as { channel?: unknown } | undefined)?.channel ?? 'unknown');
    return { casesPerSec: cases.length / ((performance.now() - t0) / 1000), channel };
  } catch (e) {
    return `unavailable: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    await backend.close().catch(() => {});
  }
}
