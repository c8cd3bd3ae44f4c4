/**
 * The bpf specs against kernels that carry a version of the IORING_OP_BPF series, booted in the
 * vm backend. Such images are not shipped (the series' code is not ours to redistribute, and no
 * script here builds one): a user who has them names them in URING_SPEC_VM_SERIES, e.g.
 *
 *   URING_SPEC_VM_SERIES=bpf@v1=/k/v1/bzImage,bpf@v2=/k/v2/bzImage,bpf@v3=/k/v3/bzImage npm test
 *
 * (docs/vm.md says what such a kernel needs). For each image: the guest's adapter offers the
 * version, says it can register BPF ops (per ring for V2/V3, one global table for V1) and where
 * the setup flag moved; every row of what a separate probe saw that version's 7.2.13 kernel answer
 * (test/vectors/kernel-7.2-bpf-observed.json: stage 1, and stage 2's rows with ops registered that
 * no program decides) comes back the same through the backend; and a whole check of the spec
 * passes with every rule fired, registered ops included, the kernel healthy.
 *
 * Skipped, with the reason, without QEMU or without URING_SPEC_VM_SERIES.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { parseVmOptions } from '../../backends/vm/options.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import { vmBackend } from '../../backends/vm/vm-backend.js';
import { BackendFailure, type Backend } from '../../runner/backend.js';
import { checkSpec } from '../../runner/check.js';
import { withConstantMap } from '../../runner/constant-map.js';
import { getSpec } from '../../registry/specs.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { IORING_OP_BPF } from '../../spec/bpf/common.js';
import { IOSQE_IO_DRAIN } from '../../spec/constants.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import { loadObservedRows } from '../helpers/observed-7.2.js';

const VERSIONS = ['bpf@v1', 'bpf@v2', 'bpf@v3'] as const;
/** IORING_SETUP_CQSIZE (io_uring.h): the CQ size comes from params.cq_entries. */
const IORING_SETUP_CQSIZE = 1 << 3;
type Version = (typeof VERSIONS)[number];

/** The images URING_SPEC_VM_SERIES names, or why there are none. */
function seriesImages(): { images: Partial<Record<Version, string>>; reason: string } {
  const vm = vmAvailability();
  if (!vm.available) return { images: {}, reason: vm.text };
  const text = process.env.URING_SPEC_VM_SERIES;
  if (!text) return { images: {}, reason: 'no kernel with the IORING_OP_BPF series to boot: set URING_SPEC_VM_SERIES=bpf@v1=IMAGE,bpf@v2=IMAGE,bpf@v3=IMAGE (such images are not shipped; docs/vm.md)' };
  const images: Partial<Record<Version, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const id = part.slice(0, eq) as Version;
    if (eq < 0 || !VERSIONS.includes(id)) throw new Error(`URING_SPEC_VM_SERIES: "${part}" is not VERSION=IMAGE with VERSION one of ${VERSIONS.join(', ')}`);
    const image = resolve(part.slice(eq + 1));
    if (!existsSync(image)) throw new Error(`URING_SPEC_VM_SERIES: ${id}'s image ${image} does not exist`);
    images[id] = image;
  }
  return { images, reason: '' };
}

const { images, reason } = seriesImages();
if (reason) console.warn(`test/backends/vm-series.test.ts skipped: ${reason}`);
const root = projectRoot();

async function guestPrograms(): Promise<{ init: string; adapter: string }> {
  const { buildC } = (await import('../../scripts/build-c.mjs')) as { buildC(o: { quiet?: boolean }): string[] };
  buildC({ quiet: true });
  return { init: join(root, 'build', 'c', 'vm-init'), adapter: join(root, 'build', 'c', 'kernel-adapter-static') };
}

const opened: Backend[] = [];
function vm(id: Version): Backend {
  const b = withConstantMap(vmBackend(parseVmOptions(`${images[id]!},timeout=300`), { name: `vm:${id}`, build: guestPrograms }), getSpec(id).definition);
  opened.push(b);
  return b;
}
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close().catch(() => {})));
});

describe.skipIf(reason !== '')('the bpf specs on kernels with the series applied', () => {
  for (const id of VERSIONS) {
    describe.skipIf(!images[id])(`${id} on ${images[id] ?? '(no image named)'}`, () => {
      it('the guest offers the version, registers ops, and answers every observed row as the separate probe saw it', { timeout: 300_000 }, async () => {
        const b = vm(id);
        const caps = await b.probe();
        expect(caps.specs).toContain(id);
        expect(caps.registeredOps).toBe(true);
        expect(caps.info.bpfOps).toMatchObject({ available: true, mode: id === 'bpf@v1' ? 'global' : 'per-ring' });
        // rebased onto 7.2, every version's setup flag sits at bit 21: V1's and V2's moved from 20
        expect(caps.constants).toMatchObject({ IORING_SETUP_BPF: 1 << 21, IORING_SETUP_BPF_OP: 1 << 21 });
        // IORING_SETUP_CQSIZE rows: the probe passed a cq_entries, which a ring context cannot
        // say (the adapter sets rings up with params zero, and CQSIZE with 0 entries is -EINVAL)
        const rows = loadObservedRows().filter((o) => o.version === id && getSpec(id).domain(sqeFromHex(o.sqe), parseContext(o.ctx)) === null && !(o.ctx.setupFlags & IORING_SETUP_CQSIZE));
        expect(rows.length).toBeGreaterThanOrEqual(100);
        const out = await b.run(rows.map((r, i) => ({ sqe: { ...sqeFromHex(r.sqe), user_data: BigInt(i + 1) }, ctx: parseContext(r.ctx, r.case) })));
        const wrong = rows.flatMap((r, i) => (out[i]!.res === r.res && out[i]!.posted === r.posted ? [] : [`${r.case}: now ${resName(out[i]!.res)}/${out[i]!.posted}, observed ${resName(r.res)}/${r.posted}`]));
        expect(wrong).toEqual([]);
        await b.close();
      });

      // V2 and V3 read data->ops in their .fail callback although a failed prep never set it: a
      // request reused from the ring's cache still holds its previous op's bytes there (a NOP
      // leaves fd -1 at that offset), and the kernel oopses in io_uring_bpf_fail. V1 has no such
      // read. So on V1 a whole check passes; on V2/V3 it ends at that oops, with a batch that
      // reproduces it on a fresh boot.
      it(id === 'bpf@v1' ? 'a whole check passes, every rule fired (registered ops included), the kernel healthy' : 'a whole check ends at the oops in io_uring_bpf_fail, and the batch it prints reproduces it on a fresh boot', { timeout: 600_000 }, async () => {
        const b = vm(id);
        const r = await checkSpec(getSpec(id), b, { seed: 72, runs: 150, shrinkTimeMs: 3000 });
        if (id === 'bpf@v1') {
          const failed = r.properties.filter((p) => p.status !== 'passed').map((p) => `${p.name}: ${p.status} ${JSON.stringify(p.failure ?? null, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)).slice(0, 600)}`);
          expect(failed).toEqual([]);
          expect(Object.entries(r.rules).filter(([, n]) => n === 0).map(([rule]) => rule)).toEqual([]);
          await b.close(); // throws if the console showed a WARN or worse after the last batch
          return;
        }
        // the oops ends the check, and it is the only failure: every property before it passed
        const failed = r.properties.filter((p) => p.status === 'failed');
        expect(failed.map((p) => `${p.name}: ${p.failure?.kind}`)).toHaveLength(1);
        const f = failed[0]!.failure!;
        expect(f.kind).toBe('kernel');
        if (f.kind !== 'kernel') return;
        expect(f.message).toMatch(/RIP: 0010:io_uring_bpf_fail\+/);
        await b.close().catch(() => {});
        const again = vm(id);
        await again.probe(); // maps the setup flag, as the check did
        const err = await again.run(f.batch).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(BackendFailure);
        expect((err as BackendFailure).kind).toBe('kernel');
        expect((err as Error).message).toMatch(/RIP: 0010:io_uring_bpf_fail\+/);
      });

      it.runIf(id !== 'bpf@v1')('four cases reproduce the oops: a drained op on a ring with the flag and no ops (the adapter ends the drain with a NOP), then a failing op reusing that request', { timeout: 300_000 }, async () => {
        const b = vm(id);
        await b.probe();
        const flag = getSpec(id).definition.constants!.find((c) => c.where === 'setupFlags')!.value;
        const ctx = parseContext({ setupFlags: flag, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 });
        const drained = { sqe: { ...zeroSqe(), opcode: IORING_OP_BPF, flags: IOSQE_IO_DRAIN }, ctx };
        const plain = { sqe: { ...zeroSqe(), opcode: IORING_OP_BPF }, ctx };
        // all with user_data 0, as replayed from the check: the adapter then runs them one at a
        // time, each followed by its fence NOPs, whose requests the next case reuses
        const err = await b.run([drained, plain, drained, plain]).then(() => null, (e: unknown) => e);
        expect((err as BackendFailure).kind).toBe('kernel');
        expect((err as Error).message).toMatch(/RIP: 0010:io_uring_bpf_fail\+/);
      });
    });
  }
});
