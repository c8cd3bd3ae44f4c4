/**
 * The vm backend's failure paths, reached without booting a kernel: `qemu=` points at a stand-in
 * (test/fixtures/vm/fake-qemu.mjs) that writes a console log and speaks the protocol as the guest
 * would, misbehaving on request, started by the real host relay (build/c/vm-relay). Each failure
 * must name what happened, quote the console, and leave no process (relay or QEMU) and no run
 * directory behind, over the shared-memory channel and over the serial one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { parseVmOptions } from '../../backends/vm/options.js';
import { vmBackend, VmKernelFailure, type VmBackend } from '../../backends/vm/vm-backend.js';
import { BackendFailure, BackendStartError } from '../../runner/backend.js';
import type { Case } from '../../properties/case.js';
import { checkSpec } from '../../runner/check.js';
import { sequenceRecord } from '../../runner/sequence.js';
import { getSpec } from '../../registry/specs.js';
import { replaySequenceCommand } from '../../report/counterexample.js';
import { checkReport } from '../../report/json.js';
import { defaultContext } from '../../spec/context.js';
import { zeroSqe } from '../../spec/sqe-layout.js';

const FAKE = join(projectRoot(), 'test', 'fixtures', 'vm', 'fake-qemu.mjs');
const RELAY = join(projectRoot(), 'build', 'c', 'vm-relay');
let dir = '';
/** Where the stand-in appends its pid: QEMU runs as the relay's child, so onSpawn never sees it. */
let qemuPids = '';
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
  qemuPids = join(dir, 'qemu-pids');
  process.env.FAKE_QEMU_PIDS = qemuPids;
});

afterAll(() => {
  delete process.env.FAKE_QEMU_PIDS;
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    // a zombie waiting for its reaper (the relay's child after the relay died) has stopped running
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether pid stops running within a bound generous for any machine: a process killed through
 * PR_SET_PDEATHSIG or a process group dies asynchronously, a moment after the kill returned.
 */
async function stops(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 25));
  return !alive(pid);
}

/** Every stand-in QEMU started so far. */
function fakeQemus(): number[] {
  return existsSync(qemuPids) ? readFileSync(qemuPids, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

/** The channel the stand-in's guest takes: shared memory when offered, or serial (no device, or it cannot map it). */
type Guest = 'ivshmem' | 'serial' | 'cannot-map';

function fakeOn(mode: string, options: string, guest: Guest): VmBackend {
  process.env.FAKE_QEMU_MODE = mode;
  process.env.FAKE_QEMU_IVSHMEM = guest === 'serial' ? '0' : '1';
  process.env.FAKE_QEMU_GUEST_SERIAL = guest === 'cannot-map' ? '1' : '0';
  return vmBackend(parseVmOptions(`${image},qemu=${FAKE}${options}`), {
    name: `vm:fake-${mode}`,
    build: async () => ({ init: join(dir, 'init'), adapter: join(dir, 'adapter'), relay: RELAY }),
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
  for (const pid of [...spawned, ...fakeQemus()]) expect(await stops(pid)).toBe(true);
}

describe.each(['ivshmem', 'serial'] as const)('vm backend failure paths (stand-in QEMU, %s channel)', (channel) => {
  const fake = (mode: string, options = ''): VmBackend => fakeOn(mode, options, channel);

  it('a check on a kernel that WARNs stops at the batch in flight: kind kernel, nothing bisected or shrunk, the batch and its replay in the report', async () => {
    const b = fake('warn-after-batch');
    let inFlight: Case[] = [];
    await session(b, async () => {
      const spec = getSpec('bpf@v1');
      const r = await checkSpec(spec, b, { seed: 1, runs: 20, batchSize: 7 });
      const failed = r.properties.filter((p) => p.status === 'failed');
      expect(failed.map((p) => p.name)).toHaveLength(1);
      const f = failed[0]!.failure!;
      expect(f.kind).toBe('kernel');
      expect(f.shrinks).toBe(0);
      if (f.kind !== 'kernel') return;
      inFlight = f.batch;
      // the first batch the stand-in answered with a WARN, whole and in order
      expect(f.batch.length).toBeGreaterThan(1);
      expect(f.batch.length).toBeLessThanOrEqual(7);
      expect(f.message).toMatch(/the check stopped here: the kernel under test failed while running a batch of \d+ cases/);
      expect(r.properties.filter((p) => p.status === 'not-run').every((p) => /the kernel under test failed in/.test(p.reason ?? ''))).toBe(true);
      const report = checkReport(spec, r).properties.find((p) => p.status === 'failed')!;
      expect(report.counterexample).toBeNull();
      expect(report.batch).toEqual(sequenceRecord({ cases: f.batch, differs: 0 }).cases);
      expect(report.replay).toBe(replaySequenceCommand('bpf@v1', b.name, { cases: f.batch, differs: 0 }));
    });
    // the same batch on a healthy guest: answered whole, no health report
    const healthy = fake('ok');
    await session(healthy, async () => {
      await healthy.probe();
      expect(await healthy.run(inFlight)).toHaveLength(inFlight.length);
    });
  });

  it('a healthy guest answers, and the capabilities say it ran in a VM and over which channel', async () => {
    const b = fake('ok');
    await session(b, async () => {
      const caps = await b.probe();
      expect(caps.info.vm).toMatchObject({ memMiB: 512, cpus: 1, channel: channel === 'ivshmem' ? 'ivshmem' : expect.stringMatching(/^serial \(.*has no ivshmem-plain device\)$/) });
      expect(caps.info).not.toHaveProperty('vmChannel');
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

  it('a panic during a batch is a failure of the kernel (kind kernel, ending the check), quoting the panic', async () => {
    const b = fake('panic-in-batch');
    await session(b, async () => {
      await b.probe();
      const err = await b.run(cases(2)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(VmKernelFailure);
      expect((err as BackendFailure).kind).toBe('kernel');
      expect((err as BackendFailure).persistent).toBe(true);
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
    for (const pid of [...spawned, ...fakeQemus()]) expect(await stops(pid)).toBe(true);
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

describe('the shared-memory channel (stand-in QEMU, real host relay)', () => {
  it('carries every batch size up to the protocol\'s largest frame, in order', async () => {
    const b = fakeOn('ok', '', 'ivshmem');
    await session(b, async () => {
      expect((await b.probe()).info.vm).toMatchObject({ channel: 'ivshmem' });
      // 1, a partial batch and full ones (the backend splits at VM_MAX_BATCH), then a single case again
      for (const n of [1, 5, 3000, 1]) {
        const out = await b.run(cases(n));
        expect(out.map((o) => o.res)).toEqual(Array.from({ length: n }, (_, i) => -(i + 1)));
      }
    });
  });

  it('a guest that cannot map the region falls back to the serial channel and says why', async () => {
    const b = fakeOn('ok', '', 'cannot-map');
    await session(b, async () => {
      expect((await b.probe()).info.vm).toMatchObject({ channel: 'serial (no ivshmem-plain PCI device (1af4:1110))' });
      expect((await b.run(cases(4))).map((o) => o.res)).toEqual([-1, -2, -3, -4]);
    });
  });

  it('channel=serial offers no region although QEMU has the device', async () => {
    const b = fakeOn('ok', ',channel=serial', 'ivshmem');
    await session(b, async () => {
      expect((await b.probe()).info.vm).toMatchObject({ channel: 'serial (channel=serial)' });
      expect((await b.run(cases(2))).map((o) => o.res)).toEqual([-1, -2]);
    });
  });

  it('channel=ivshmem is a start error where QEMU has no ivshmem-plain, and where the guest cannot map it', async () => {
    const noDevice = fakeOn('ok', ',channel=ivshmem', 'serial');
    await session(noDevice, async () => {
      await expect(noDevice.probe()).rejects.toThrow(/channel=ivshmem, but .*fake-qemu\.mjs has no ivshmem-plain device/);
    });
    const cannotMap = fakeOn('ok', ',channel=ivshmem', 'cannot-map');
    await session(cannotMap, async () => {
      const err = await cannotMap.probe().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(BackendStartError);
      expect((err as Error).message).toMatch(/channel=ivshmem, but the guest uses serial \(no ivshmem-plain PCI device/);
    });
  });

  it('an adapter that dies mid-response is the same short read as over the serial channel', async () => {
    const messages: string[] = [];
    for (const guest of ['ivshmem', 'serial'] as const) {
      const b = fakeOn('dies-mid-response', '', guest);
      await session(b, async () => {
        await b.probe();
        const err = await b.run(cases(4)).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(BackendFailure);
        expect((err as BackendFailure).kind).toBe('protocol');
        messages.push((err as Error).message.split('\n')[0]!);
      });
    }
    expect(messages[0]).toMatch(/short read: 130 of the 260 bytes of its response to batch 1 \(4 cases\)/);
    expect(messages[0]).toBe(messages[1]);
  });

  it('a hung guest times out the batch and leaves neither the relay nor QEMU behind', async () => {
    process.env.URING_SPEC_BATCH_TIMEOUT_MS = '300';
    try {
      const b = fakeOn('hangs', '', 'ivshmem');
      await session(b, async () => {
        await b.probe();
        const err = await b.run(cases(2)).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(BackendFailure);
        expect((err as BackendFailure).kind).toBe('hang');
        expect((err as Error).message).toMatch(/no response within 300 ms to batch 1 \(2 cases\)[\s\S]*the guest stopped answering/);
      });
    } finally {
      delete process.env.URING_SPEC_BATCH_TIMEOUT_MS;
    }
  });

  it('QEMU dies with the relay when the relay is killed outright (PR_SET_PDEATHSIG)', async () => {
    const b = fakeOn('ok', '', 'ivshmem');
    await session(b, async () => {
      await b.probe();
      const relay = b.pid!;
      const qemu = fakeQemus().at(-1)!;
      expect(alive(qemu)).toBe(true);
      // the relay alone, not its process group: only the death signal can end QEMU now
      process.kill(relay, 'SIGKILL');
      expect(await stops(qemu)).toBe(true);
      // once the exec backend has seen the relay's end, it restarts it for the next batch: a fresh VM
      for (let i = 0; i < 200 && b.pid !== undefined; i++) await new Promise((r) => setTimeout(r, 25));
      expect(b.pid).toBeUndefined();
      expect((await b.run(cases(2))).map((o) => o.res)).toEqual([-1, -2]);
      expect(b.pid).not.toBe(relay);
      expect(b.pid).toBeDefined();
    });
  });
});
