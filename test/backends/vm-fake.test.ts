/**
 * The vm backend's failure paths, reached without booting a kernel: `qemu=` points at a stand-in
 * (test/fixtures/vm/fake-qemu.mjs) that writes a console log and speaks the protocol as the guest
 * would, misbehaving on request. Each failure must name what happened, quote the console, and
 * leave no process and no run directory behind.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { parseVmOptions } from '../../backends/vm/options.js';
import { vmBackend, VmKernelFailure, type VmBackend } from '../../backends/vm/vm-backend.js';
import { BackendFailure, BackendStartError } from '../../runner/backend.js';
import { defaultContext } from '../../spec/context.js';
import { zeroSqe } from '../../spec/sqe-layout.js';

const FAKE = join(projectRoot(), 'test', 'fixtures', 'vm', 'fake-qemu.mjs');
let dir = '';
let image = '';
const spawned: number[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uring-spec-vm-fake-'));
  image = join(dir, 'bzImage');
  const img = Buffer.alloc(0x400);
  img.write('HdrS', 0x202, 'ascii');
  writeFileSync(image, img);
  // the programs are never run by the stand-in; the initramfs only needs their bytes
  writeFileSync(join(dir, 'init'), 'init');
  writeFileSync(join(dir, 'adapter'), 'adapter');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function fake(mode: string, options = ''): VmBackend {
  process.env.FAKE_QEMU_MODE = mode;
  return vmBackend(parseVmOptions(`${image},qemu=${FAKE}${options}`), {
    name: `vm:fake-${mode}`,
    build: async () => ({ init: join(dir, 'init'), adapter: join(dir, 'adapter') }),
    onSpawn: (pid) => spawned.push(pid),
  });
}

const cases = (n: number) => Array.from({ length: n }, (_, i) => ({ sqe: { ...zeroSqe(), user_data: BigInt(i + 1) }, ctx: defaultContext() }));

/** Runs `fn`, closes the backend whatever happens, and checks nothing is left. */
async function session(b: VmBackend, fn: () => Promise<void>): Promise<void> {
  let runDir: string | null = null;
  try {
    await fn();
  } finally {
    runDir = b.runDir;
    await b.close().catch(() => {});
    delete process.env.FAKE_QEMU_MODE;
  }
  if (runDir) expect(existsSync(runDir)).toBe(false);
  for (const pid of spawned) expect(alive(pid)).toBe(false);
}

describe('vm backend failure paths (stand-in QEMU)', () => {
  it('a healthy guest answers, and the capabilities say it ran in a VM', async () => {
    const b = fake('ok');
    await session(b, async () => {
      const caps = await b.probe();
      expect(caps.info.vm).toMatchObject({ memMiB: 512, cpus: 1 });
      expect((await b.run(cases(3))).map((o) => o.res)).toEqual([-1, -2, -3]);
    });
  });

  it('a WARN on the console fails the batch although its outcomes were fine, quoting the console and the batch; later batches fail the same way without a new boot', async () => {
    const b = fake('warn-after-batch');
    await session(b, async () => {
      await b.probe();
      const err = await b.run(cases(5)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(VmKernelFailure);
      const f = err as VmKernelFailure;
      expect(f.health?.name).toBe('WARN');
      expect(f.message).toMatch(/kernel health: the console shows a WARN after a batch \(this fails the run even where outcomes agreed\); last batch: 5 cases, first SQEs 00/);
      expect(f.message).toContain('WARNING: CPU: 0 PID: 60 at io_uring/io_uring.c:2000');
      expect(f.batch).toHaveLength(5);
      const before = spawned.length;
      await expect(b.run(cases(1))).rejects.toBe(f);
      expect(spawned.length).toBe(before);
    });
  });

  it('a panic during a batch is a crash that quotes the panic', async () => {
    const b = fake('panic-in-batch');
    await session(b, async () => {
      await b.probe();
      const err = await b.run(cases(2)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(VmKernelFailure);
      expect((err as BackendFailure).kind).toBe('crash');
      expect((err as Error).message).toMatch(/kernel health: the console shows a kernel panic during a batch/);
      expect((err as Error).message).toContain('Kernel panic - not syncing: Fatal exception');
    });
  });

  it('a guest whose adapter dies is a crash quoting the console tail, not a health report', async () => {
    const b = fake('adapter-dies');
    await session(b, async () => {
      await b.probe();
      const err = await b.run(cases(2)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(VmKernelFailure);
      expect((err as VmKernelFailure).health).toBeNull();
      expect((err as Error).message).toMatch(/adapter exited with code 0 during batch 1 \(2 cases\)/);
      expect((err as Error).message).toMatch(/--- console tail ---[\s\S]*adapter exited on signal 11/);
    });
  });

  it('no hello within the startup timeout names the option that raises it and quotes the console', async () => {
    const b = fake('no-hello', ',timeout=2');
    await session(b, async () => {
      const err = await b.probe().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(BackendStartError);
      expect((err as Error).message).toMatch(/QEMU printed no hello line within 2 s \(the startup timeout is 2 s; raise it with vm:IMAGE,timeout=SECONDS\)/);
      expect((err as Error).message).toContain('some driver waits forever');
    });
  });

  it('a WARN that shows only as the guest powers off makes close() fail', async () => {
    const b = fake('warn-at-end');
    process.env.FAKE_QEMU_MODE = 'warn-at-end';
    await b.probe();
    await b.run(cases(1));
    const err = await b.close().then(() => null, (e: unknown) => e);
    delete process.env.FAKE_QEMU_MODE;
    expect(err).toBeInstanceOf(VmKernelFailure);
    expect((err as Error).message).toMatch(/kernel health: the console shows a WARN at the end of the run/);
    for (const pid of spawned) expect(alive(pid)).toBe(false);
  });

  it('log=FILE keeps the console log after close and names it in errors', async () => {
    const log = join(dir, 'kept-console.log');
    const b = fake('adapter-dies', `,log=${log}`);
    await session(b, async () => {
      await b.probe();
      const err = await b.run(cases(1)).then(() => null, (e: unknown) => e);
      expect((err as Error).message).toContain(`--- console tail (${log}) ---`);
    });
    expect(existsSync(log)).toBe(true);
  });
});
