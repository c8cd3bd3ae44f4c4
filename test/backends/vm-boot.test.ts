/**
 * The vm backend booting a real kernel: Debian's own linux-image package from the machine's
 * configured apt sources (scripts/debian-kernel.mjs: bookworm's 6.1 by default, cached in
 * ~/.cache/uring-spec/kernels; URING_SPEC_VM_TEST_KERNEL names another package or an image path).
 * Known answers every kernel gives, a whole check of the closest mainline spec, and the ways a
 * boot goes wrong: each must end with a clear error and no QEMU left running.
 *
 * Skipped, with the reason, without QEMU or without a Debian kernel to boot. Bounded: under TCG
 * a boot takes 5-30 s on a busy 2-core machine; the file boots four times.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { parseVmOptions } from '../../backends/vm/options.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import { cleanStaleRuns } from '../../backends/vm/run-dir.js';
import { vmBackend, type VmBackend } from '../../backends/vm/vm-backend.js';
import { checkSpec } from '../../runner/check.js';
import { BackendStartError } from '../../runner/backend.js';
import { getSpec } from '../../registry/specs.js';
import { defaultContext } from '../../spec/context.js';
import { sqeFromHex } from '../../spec/sqe.js';

const root = projectRoot();
const SPEC = 'nop@6.18';

interface Kernel {
  image: string;
  release: string | null;
  label: string;
}

/** The kernel to boot, or why there is none. */
async function findKernel(): Promise<{ kernel: Kernel | null; reason: string }> {
  const vm = vmAvailability();
  if (!vm.available) return { kernel: null, reason: vm.text };
  const wanted = process.env.URING_SPEC_VM_TEST_KERNEL;
  if (wanted && wanted.includes('/')) return { kernel: { image: resolve(wanted), release: null, label: wanted }, reason: '' };
  try {
    const dk = (await import('../../scripts/debian-kernel.mjs')) as {
      defaultDebianKernelPackage(): string;
      fetchDebianKernel(p: string): { package: string; version: string; release: string; image: string };
    };
    const pkg = wanted ?? dk.defaultDebianKernelPackage();
    const k = dk.fetchDebianKernel(pkg);
    return { kernel: { image: k.image, release: k.release, label: `${k.package} ${k.version}` }, reason: '' };
  } catch (e) {
    return { kernel: null, reason: `no Debian kernel to boot: ${(e as Error).message}` };
  }
}

const { kernel, reason } = await findKernel();
if (reason) console.warn(`test/backends/vm-boot.test.ts skipped: ${reason}`);

/** The guest programs, built as the registry builds them. */
async function guestPrograms(): Promise<{ init: string; adapter: string }> {
  const { buildC } = (await import('../../scripts/build-c.mjs')) as { buildC(o: { quiet?: boolean }): string[] };
  buildC({ quiet: true });
  return { init: join(root, 'build', 'c', 'vm-init'), adapter: join(root, 'build', 'c', 'kernel-adapter-static') };
}

const spawned: number[] = [];
const opened: VmBackend[] = [];

function vm(options: string): VmBackend {
  const b = vmBackend(parseVmOptions(`${kernel!.image}${options}`), { name: `vm:${kernel!.label}${options}`, build: guestPrograms, onSpawn: (pid) => spawned.push(pid) });
  opened.push(b);
  return b;
}

function running(pid: number): boolean {
  try {
    // a zombie still answers kill(0): count it as gone
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')) && (process.kill(pid, 0), true);
  } catch {
    return false;
  }
}

/** Waits (bounded) for a condition that a process exit makes true. */
async function eventually(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  await Promise.all(opened.map((b) => b.close().catch(() => {})));
  for (const pid of spawned) if (running(pid)) process.kill(pid, 'SIGKILL');
});

const NOP = '0'.repeat(128); // IORING_OP_NOP, every field zero
const sqe = (hex: string) => sqeFromHex(hex.padEnd(128, '0'));

describe.skipIf(reason !== '')(`vm backend on ${kernel?.label ?? 'a Debian kernel'}`, () => {
  it('boots, says hello from the guest kernel, answers known cases, powers off and leaves nothing behind', async () => {
    const b = vm('');
    const caps = await b.probe();
    const info = caps.info as { kernel?: { release?: string; ops?: number[] }; vm?: { accel?: string } };
    if (kernel!.release) expect(info.kernel?.release).toBe(kernel!.release);
    expect(info.kernel?.ops).toContain(0);
    expect(caps.specs).toContain(SPEC);
    expect(caps.unsupported['bpf@v1']).toMatch(/IORING_SETUP_BPF/);
    const ctx = defaultContext();
    // answers every kernel since 5.x gives: NOP completes; opcode 255 and sqe flag bit 7 are invalid
    const out = await b.run([
      { sqe: { ...sqe(NOP), user_data: 1n }, ctx },
      { sqe: { ...sqe('ff'), user_data: 2n }, ctx },
      { sqe: { ...sqe('0080'), user_data: 3n }, ctx },
    ]);
    expect(out.map((o) => o.res)).toEqual([0, -22, -22]);
    const pid = b.pid!;
    const dir = b.runDir!;
    expect(running(pid)).toBe(true);
    await b.close();
    expect(running(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it(`runs a whole check of ${SPEC}: every property runs to a verdict, the kernel stays healthy`, async () => {
    const b = vm('');
    const r = await checkSpec(getSpec(SPEC), b, { seed: 1, runs: 40, shrinkTimeMs: 3000 });
    // a disagreement is a finding about the spec and this kernel (docs/vm.md lists them), not a
    // failure of the backend: every failure must be a violation, none the backend's
    const backendFailures = r.properties.filter((p) => p.failure && p.failure.kind !== 'violation').map((p) => `${p.name}: ${'message' in p.failure! ? p.failure.message : ''}`);
    expect(backendFailures).toEqual([]);
    expect(r.properties.every((p) => p.status === 'passed' || p.status === 'failed')).toBe(true);
    expect(r.cases).toBeGreaterThan(500);
    const disagreements = r.properties.filter((p) => p.status === 'failed').map((p) => p.name);
    if (disagreements.length) console.warn(`${SPEC} on ${kernel!.label}: the kernel disagrees with the spec in ${disagreements.join(', ')}`);
    await b.close(); // throws a VmKernelFailure if the console showed a WARN or worse after the last batch
  });

  it('a kernel that panics at boot is a start error quoting the panic, well before the startup timeout, and no QEMU is left', async () => {
    const b = vm(',timeout=300,append=rdinit=/nonexistent');
    const err = await b.probe().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BackendStartError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/kernel health: the console shows a kernel panic while booting/);
    expect(msg).toMatch(/Kernel panic - not syncing/);
    expect(msg).not.toMatch(/no hello line within/);
    await b.close();
    for (const pid of spawned) expect(running(pid)).toBe(false);
  });

  it('an image with a kernel header but no kernel behind it is a start error, and no QEMU is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uring-spec-vm-boot-'));
    try {
      const truncated = join(dir, 'vmlinuz-truncated');
      const head = readFileSync(kernel!.image).subarray(0, 200_000);
      writeFileSync(truncated, head);
      const b = vmBackend(parseVmOptions(`${truncated},timeout=120`), { name: 'vm:truncated', build: guestPrograms, onSpawn: (pid) => spawned.push(pid) });
      opened.push(b);
      const err = await b.probe().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BackendStartError);
      // QEMU refuses it, or the guest resets at once; either way it is said, and not as a timeout
      expect((err as Error).message).toMatch(/QEMU (exited|was killed)|console is empty/);
      expect((err as Error).message).not.toMatch(/no hello line within/);
      await b.close();
      for (const pid of spawned) expect(running(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The CLI as a separate process (it is the one signalled), with its run directories under `runs`. */
function cliChild(runs: string) {
  const args = [join(root, 'bin', 'uring-spec.js'), 'run', '--spec', SPEC, '--backend', `vm:${kernel!.image},timeout=600`, '--sqe', NOP, '--ctx', 'default'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, URING_SPEC_VM_RUN_DIR: runs } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

/** Waits for the child's QEMU to start; returns its pid and run directory. */
async function qemuOf(runs: string): Promise<{ pid: number; dir: string }> {
  let found: { pid: number; dir: string } | null = null;
  await eventually('the CLI started QEMU', () => {
    const base = join(runs, `uring-spec-vm-${process.getuid!()}`);
    if (!existsSync(base)) return false;
    for (const d of readdirSync(base)) {
      const f = join(base, d, 'qemu.pid');
      if (existsSync(f) && readFileSync(f, 'utf8').trim()) found = { pid: Number(readFileSync(f, 'utf8')), dir: join(base, d) };
    }
    return found !== null;
  }, 60_000);
  spawned.push(found!.pid);
  return found!;
}

const distBuilt = existsSync(join(root, 'dist', 'backends', 'vm', 'vm-backend.js'));
describe.skipIf(reason !== '' || !distBuilt)('no QEMU survives the harness', () => {
  it('Ctrl-C (SIGINT) to the CLI while the guest boots ends QEMU and removes the run directory', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'uring-spec-vm-sigint-'));
    try {
      const c = cliChild(runs);
      const q = await qemuOf(runs);
      expect(running(q.pid)).toBe(true);
      c.child.kill('SIGINT');
      const how = await c.exited;
      expect(how.signal ?? how.code).toBeTruthy();
      await eventually('QEMU is gone', () => !running(q.pid));
      expect(existsSync(q.dir)).toBe(false);
    } finally {
      rmSync(runs, { recursive: true, force: true });
    }
  });

  it('a harness killed outright (SIGKILL) takes QEMU with it; the next run removes what it left', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'uring-spec-vm-sigkill-'));
    const saved = process.env.URING_SPEC_VM_RUN_DIR;
    try {
      const c = cliChild(runs);
      const q = await qemuOf(runs);
      c.child.kill('SIGKILL');
      await c.exited;
      // PR_SET_PDEATHSIG (setpriv) ends QEMU; the run directory is left for the next harness
      await eventually('QEMU is gone', () => !running(q.pid));
      expect(existsSync(q.dir)).toBe(true);
      process.env.URING_SPEC_VM_RUN_DIR = runs;
      cleanStaleRuns();
      expect(existsSync(q.dir)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.URING_SPEC_VM_RUN_DIR;
      else process.env.URING_SPEC_VM_RUN_DIR = saved;
      rmSync(runs, { recursive: true, force: true });
    }
  });
});
