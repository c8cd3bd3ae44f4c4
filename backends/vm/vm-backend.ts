/**
 * `vm:IMAGE`: the kernel adapter inside a QEMU guest booted from IMAGE, so any spec can be checked
 * against any kernel without installing it. The guest's userspace is an initramfs the harness
 * writes (initramfs.ts). The exec backend runs the host relay (backends/c/vm-relay), which starts
 * QEMU and speaks the exec protocol on its stdin/stdout like any adapter command; frames reach the
 * guest through an ivshmem-plain shared region (the guest's ttyS1 carrying the hello and one
 * doorbell byte per batch) or, when that is not available, through ttyS1 itself. One VM per
 * backend, batches as usual, `u32 0` at the end makes the adapter exit and init power the guest off.
 *
 * Added here: the startup checks (QEMU, the image), a startup timeout sized for a software-emulated
 * boot, the console log's tail in every error, kernel health (a panic, oops, BUG, WARN or sanitizer
 * report fails the run even when every outcome agreed), and the cleanup that leaves no QEMU behind.
 *
 * Uses of the exec backend: execBackend(argv, { name, helloTimeoutMs, batchTimeoutMs, maxBatch,
 * onSpawn }), its probe/run/close and `pid`, and the BackendStartError/BackendFailure it throws.
 */
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { BackendFailure, BackendStartError, type Backend, type Capabilities } from '../../runner/backend.js';
import { sqeToHex } from '../../spec/sqe.js';
import { STARTUP_TIMEOUT_HINT, execBackend, type ExecBackend } from '../exec/exec-backend.js';
import type { StepSequence } from '../../spec/stateful/step.js';
import { projectRoot } from '../project-root.js';
import { consoleTail, LogReader, scanHealth, type HealthReport } from './console.js';
import { checkKernelImage } from './image.js';
import { writeInitramfs, type GuestPrograms } from './initramfs.js';
import { registerVm, unregisterVm, type LiveVm } from './live-vms.js';
import type { VmOptions } from './options.js';
import { findProgram, findQemu, kvmUsable, qemuArgv, qemuHasIvshmem, vmAvailability } from './qemu.js';
import { cleanStaleRuns, makeRunDir, removeRunDir, writePid } from './run-dir.js';

/**
 * A batch's budget. The serial channel moves roughly 100 cases a second under TCG on a busy
 * machine (the shared-memory one some thousands) and the adapter may wait up to a second for a
 * case that does not complete, so the 5 s meant for local programs would trip on ordinary batches.
 */
export const VM_BATCH_TIMEOUT_MS = 120_000;
/** The largest batch sent to the guest: a batch's time grows with its size over a slow channel. */
export const VM_MAX_BATCH = 1024;

/** How the backend gets its guest programs and reports its QEMU processes. */
export interface VmDeps {
  /** The backend's name in reports (the command-line text). */
  name: string;
  /** Builds the static init and kernel adapter, and the host relay, if needed; returns their paths. */
  build(): Promise<VmPrograms>;
  /** Called with the pid of every QEMU started (tests check that none is left). */
  onSpawn?(pid: number): void;
}

/** The guest's programs and the host relay that starts QEMU. */
export interface VmPrograms extends GuestPrograms {
  /** Default: the project's build/c/vm-relay (build target vm-relay, built with the guest's programs). */
  relay?: string;
}

/** The kernel misbehaved (console report) or the guest died; carries what the console said. */
export class VmKernelFailure extends BackendFailure {
  constructor(
    backend: string,
    reason: string,
    /** The health report, when the console showed one. */
    readonly health: HealthReport | null,
    /** The cases of the batch in flight when it was found (empty when none was). */
    readonly batch: readonly Case[],
    /** The exec backend's failure this one adds the console to, if any (its hang/crash kind is kept). */
    cause?: BackendFailure,
  ) {
    // a console report is the kernel's own failure (kind 'kernel'): the check ends with the batch
    super(backend, reason, cause?.hung ?? false, health ? 'kernel' : (cause?.kind ?? 'crash'), cause?.stderrTail ?? '', health !== null);
  }
}

/** A vm backend; `pid` is QEMU's while it runs, `runDir` holds its initramfs and console log. */
export interface VmBackend extends Backend {
  readonly pid: number | undefined;
  readonly runDir: string | null;
}

function batchText(batch: readonly Case[]): string {
  if (!batch.length) return '';
  const shown = batch.slice(0, 3).map((c) => sqeToHex(c.sqe)).join(', ');
  return `; last batch: ${batch.length} case${batch.length === 1 ? '' : 's'}, first SQE${batch.length === 1 ? '' : 's'} ${shown}${batch.length > 3 ? ', ...' : ''}`;
}

class VmBackendImpl implements VmBackend {
  readonly name: string;
  private inner: ExecBackend | null = null;
  private starting: Promise<ExecBackend> | null = null;
  private live: LiveVm | null = null;
  private log: LogReader | null = null;
  private consolePath: string | null = null;
  private commandText = '';
  /** Why the harness offered the guest no shared memory, or null when it did. */
  private noShmReason: string | null = null;
  /** Set once the kernel was found unhealthy: every later call fails with it, no new VM is booted. */
  private poisoned: VmKernelFailure | null = null;
  runDir: string | null = null;

  constructor(
    private readonly opts: VmOptions,
    private readonly deps: VmDeps,
  ) {
    this.name = deps.name;
  }

  get pid(): number | undefined {
    return this.inner?.pid;
  }

  /** The checks that need no VM, cheapest first, then the run directory, the initramfs and the exec backend. */
  private async start(): Promise<ExecBackend> {
    const qemu = findQemu(this.opts.qemu);
    if (!qemu) throw new BackendStartError(this.name, vmAvailability(this.opts.qemu).text);
    try {
      checkKernelImage(this.opts.image);
    } catch (e) {
      throw new BackendStartError(this.name, (e as Error).message.replace(/^vm: /, ''));
    }
    let programs: VmPrograms;
    try {
      programs = await this.deps.build();
    } catch (e) {
      if (e instanceof BackendStartError) throw new BackendStartError(this.name, e.reason);
      throw e;
    }
    cleanStaleRuns();
    const dir = makeRunDir();
    this.runDir = dir;
    const live: LiveVm = { pid: () => this.inner?.pid, runDir: dir, removeDir: true };
    this.live = live;
    registerVm(live);
    const initrd = join(dir, 'initrd.cpio');
    writeInitramfs(initrd, programs);
    this.consolePath = this.opts.log ? resolve(this.opts.log) : join(dir, 'console.log');
    try {
      if (existsSync(this.consolePath)) truncateSync(this.consolePath);
      else writeFileSync(this.consolePath, '');
    } catch (e) {
      throw new BackendStartError(this.name, `cannot write the console log ${this.consolePath}: ${(e as Error).message}`);
    }
    this.log = new LogReader(this.consolePath);
    const args = qemuArgv({ kernel: resolve(this.opts.image), initrd, consoleLog: this.consolePath, memMiB: this.opts.memMiB, cpus: this.opts.cpus, append: this.opts.append, kvm: kvmUsable() });
    const shm = this.offerShm(qemu);
    // The relay starts QEMU as its child with PR_SET_PDEATHSIG, in its own process group (the exec
    // backend's); setpriv gives the relay PR_SET_PDEATHSIG too: if the harness is killed outright,
    // the kernel kills the relay, and QEMU with it (util-linux setpriv; without it, the next
    // harness's cleanStaleRuns is the only safety net)
    const relayExe = programs.relay ?? join(projectRoot(), 'build', 'c', 'vm-relay');
    if (!existsSync(relayExe)) throw new BackendStartError(this.name, `the host relay ${relayExe} is not built (npm run build builds it)`);
    const relay = [relayExe, ...(shm ? ['--ivshmem'] : []), '--', qemu, ...args];
    const setpriv = findProgram('setpriv');
    const argv = setpriv ? [setpriv, '--pdeathsig', 'KILL', ...relay] : relay;
    this.commandText = argv.join(' ');
    const batchTimeout = process.env.URING_SPEC_BATCH_TIMEOUT_MS ? {} : { batchTimeoutMs: VM_BATCH_TIMEOUT_MS };
    return execBackend(argv, {
      name: this.name,
      helloTimeoutMs: this.opts.startupTimeoutS * 1000,
      maxBatch: VM_MAX_BATCH,
      ...batchTimeout,
      onSpawn: (pid) => {
        writePid(dir, pid);
        this.deps.onSpawn?.(pid);
      },
    });
  }

  /** Whether to offer the guest the shared-memory channel; remembers why not. */
  private offerShm(qemu: string): boolean {
    const choice = this.opts.channel;
    if (choice === 'serial') {
      this.noShmReason = 'channel=serial';
      return false;
    }
    if (qemuHasIvshmem(qemu)) return true;
    if (choice === 'ivshmem') throw new BackendStartError(this.name, `channel=ivshmem, but ${qemu} has no ivshmem-plain device (${qemu} -device help); use channel=serial or another QEMU`);
    this.noShmReason = `${qemu} has no ivshmem-plain device`;
    return false;
  }

  /** The channel the guest's frames take, from the hello's vmChannel (added by the relay). */
  private channelText(info: Record<string, unknown>): string {
    const said = typeof info.vmChannel === 'string' ? info.vmChannel : 'serial (the relay named no channel)';
    return this.noShmReason && said.startsWith('serial') ? `serial (${this.noShmReason})` : said;
  }

  private ensure(): Promise<ExecBackend> {
    this.starting ??= this.start().then((b) => (this.inner = b));
    return this.starting;
  }

  /** The console's last lines, or a note that it is empty (the path only where the log is kept). */
  private tail(): string {
    const text = this.log?.all() ?? '';
    const t = consoleTail(text);
    const kept = this.opts.log ? ` (${this.consolePath})` : '';
    if (t) return `\n--- console tail${kept} ---\n${t}`;
    return `\n(the console${kept} is empty: the guest stopped before the kernel printed anything; is the image complete and bootable?)`;
  }

  /** The exec backend's reason with QEMU's long command line replaced by its name. */
  private plain(reason: string): string {
    return reason
      .split(`command '${this.commandText}' `)
      .join('QEMU ')
      .replace(/^restarting the adapter failed: /, 'restarting the VM failed: ')
      .replace(/ before its hello/, " before the guest adapter's hello")
      // the exec backend's hint names --startup-timeout; a guest's startup timeout is vm:IMAGE,timeout=
      .split(` (${STARTUP_TIMEOUT_HINT})`)
      .join('');
  }

  /** Checks the console; on a problem, ends the VM and remembers the failure. */
  private async healthFailure(batch: readonly Case[], during: string): Promise<VmKernelFailure | null> {
    const report = scanHealth(this.log?.all() ?? '');
    if (!report) return null;
    const agreed = batch.length ? ' (this fails the run even where outcomes agreed)' : '';
    const reason = `kernel health: the console shows a ${report.name} ${during}${agreed}${batchText(batch)}\n--- console excerpt ---\n${report.excerpt}`;
    const failure = new VmKernelFailure(this.name, reason, report, batch);
    this.poisoned ??= failure;
    await this.stopVm();
    return failure;
  }

  probe(): Promise<Capabilities> {
    return this.guard(async () => {
      const inner = await this.ensure();
      let caps: Capabilities;
      try {
        caps = await inner.probe();
      } catch (e) {
        const bad = await this.healthFailure([], 'while booting');
        if (e instanceof BackendStartError) {
          const why = bad ? bad.reason : `${this.plain(e.reason)}${this.startHint(e.reason)}${this.tail()}`;
          throw new BackendStartError(this.name, why);
        }
        throw e;
      }
      const bad = await this.healthFailure([], 'while booting');
      if (bad) throw new BackendStartError(this.name, bad.reason);
      const { vmChannel: _said, ...info } = caps.info;
      const channel = this.channelText(caps.info);
      if (this.opts.channel === 'ivshmem' && channel !== 'ivshmem') throw new BackendStartError(this.name, `channel=ivshmem, but the guest uses ${channel}`);
      return { ...caps, name: this.name, info: { ...info, vm: { image: this.opts.image, accel: kvmUsable() ? 'kvm' : 'tcg', memMiB: this.opts.memMiB, cpus: this.opts.cpus, channel } } };
    });
  }

  private startHint(reason: string): string {
    return /no hello line within/.test(reason) ? ` (the startup timeout is ${this.opts.startupTimeoutS} s; raise it with vm:IMAGE,timeout=SECONDS)` : '';
  }

  run(cases: readonly Case[]): Promise<Outcome[]> {
    return this.through(cases, (inner) => inner.run(cases));
  }

  /** A stateful spec's sequence on one ring in the guest (exec protocol version 2), health checked like a batch. */
  runSequence(seq: StepSequence): Promise<Outcome[]> {
    return this.through([], (inner) => {
      if (!inner.runSequence) throw new BackendFailure(this.name, 'the guest adapter runs no sequences', false, 'protocol');
      return inner.runSequence(seq);
    });
  }

  /** One request to the guest; a failure or a kernel health report on the console fails it with the console tail. */
  private through(cases: readonly Case[], call: (inner: ExecBackend) => Promise<Outcome[]>): Promise<Outcome[]> {
    return this.guard(async () => {
      if (this.poisoned) throw this.poisoned;
      const inner = await this.ensure();
      let out: Outcome[];
      try {
        out = await call(inner);
      } catch (e) {
        if (!(e instanceof BackendFailure)) throw e;
        const bad = await this.healthFailure(cases, 'during a batch');
        if (bad) throw bad;
        throw new VmKernelFailure(this.name, `${this.plain(e.reason)}${batchText(cases)}${this.tail()}`, null, cases, e);
      }
      const bad = await this.healthFailure(cases, 'after a batch');
      if (bad) throw bad;
      return out;
    });
  }

  /** Errors other than the backend's own get the console tail too (they are rarer and harder to place). */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof BackendFailure || e instanceof BackendStartError) throw e;
      await this.stopVm();
      throw e;
    }
  }

  /** Ends QEMU (u32 0, then the exec backend's grace and kill) and forgets it. */
  private async stopVm(): Promise<void> {
    const inner = this.inner;
    this.inner = null;
    this.starting = this.poisoned ? Promise.reject(this.poisoned) : null;
    this.starting?.catch(() => {});
    if (inner) await inner.close();
  }

  async close(): Promise<void> {
    const wasRunning = this.inner !== null;
    await this.stopVm();
    this.starting = null;
    // The guest has powered off (or was killed): its console is complete now. A report that came
    // after the last batch still fails the run; the caller sees it as close() throwing.
    const late = wasRunning && !this.poisoned ? await this.healthFailure([], 'at the end of the run') : null;
    if (this.live) {
      unregisterVm(this.live);
      this.live = null;
    }
    if (this.runDir) {
      // the console log survives only where the user asked for it (log=FILE, outside the run directory)
      removeRunDir(this.runDir);
      this.runDir = null;
    }
    if (late) throw late;
  }
}

/** The vm backend for `opts`; nothing starts until the first probe() or run(). */
export function vmBackend(opts: VmOptions, deps: VmDeps): VmBackend {
  return new VmBackendImpl(opts, deps);
}
