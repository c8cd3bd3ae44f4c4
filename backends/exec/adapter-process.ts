/**
 * One adapter process: spawned in its own process group, its stdout collected into one buffer,
 * its stderr tail kept for messages, and killed with everything it started on every exit path.
 * What escapes the group (a setsid grandchild) is found by its environment marker: reaper.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { constants } from 'node:os';
import { MARKER_VAR, register, unregister } from './reaper.js';

/** How much of the adapter's stderr is kept for error messages. */
const STDERR_KEEP_CHARS = 8192;
/** After the process exits, how long its pipes get to deliver the last output (stderr lines). */
const EXIT_DRAIN_MS = 200;
/** After SIGKILL, how long to wait for the kernel to report the exit. */
const KILL_WAIT_MS = 2000;
/** The name of signal number n (11 -> SIGSEGV), or null. */
export function signalName(n: number): string | null {
  for (const [name, num] of Object.entries(constants.signals)) if (num === n) return name;
  return null;
}

/**
 * How a process ended, in words: "was killed by SIGSEGV"; a shell reports its command's death by
 * signal n as exit code 128 + n, so that is named too ("exited with code 139 (SIGSEGV)").
 */
export function endText(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `was killed by ${signal}`;
  if (code !== null && code > 128 && code < 128 + 65) {
    const name = signalName(code - 128);
    if (name) return `exited with code ${code} (128 + ${name}: its command was killed by ${name})`;
  }
  return `exited with code ${code}`;
}

/** Waits for stdout to satisfy `ready`; see AdapterProcess.wait. */
interface Waiter {
  ready(): boolean;
  resolve(): void;
  reject(e: Error): void;
}

/** Why waiting on the process ended without the awaited bytes. */
export class ProcessEnded extends Error {
  constructor(
    readonly how: 'ended' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** A running adapter: pipes, one input buffer, how it ended. */
export class AdapterProcess {
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** Everything read from stdout and not yet consumed. */
  readonly input: Uint8Array<ArrayBuffer>;
  readonly inputView: DataView;
  inputLength = 0;
  /** stdout brought more than the buffer holds. */
  inputOverflow = false;
  private stderrText = '';
  private waiter: Waiter | null = null;
  /** 'exit' seen (or spawn failed): the process no longer runs. */
  exited = false;
  /** Pipes closed too, or given up on: nothing more will arrive. */
  private finished = false;
  private endReasonText: string | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  readonly exitedPromise: Promise<void>;
  private markExited!: () => void;

  constructor(file: string, args: readonly string[], inputBytes: number, marker: string) {
    this.input = new Uint8Array(inputBytes);
    this.inputView = new DataView(this.input.buffer);
    this.exitedPromise = new Promise((resolve) => (this.markExited = resolve));
    // Its own process group, so a shell wrapper and anything it started can be killed together.
    this.child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: { ...process.env, [MARKER_VAR]: marker } });
    this.pid = this.child.pid;
    if (this.pid !== undefined) register(this);
    this.child.on('error', (e: NodeJS.ErrnoException) => {
      // With a pid the process did start (this is a failed kill or the like): 'exit' reports.
      if (this.pid !== undefined) return;
      this.endReasonText ??= `could not be started (${e.code ?? e.message})`;
      this.onExit();
      this.finish();
    });
    this.child.on('exit', (code, signal) => {
      this.endReasonText ??= endText(code, signal);
      this.onExit();
      // Wait for the pipes so the last stderr lines make it into the message, but not forever:
      // a grandchild may hold them open.
      this.drainTimer = setTimeout(() => this.finish(), EXIT_DRAIN_MS);
    });
    this.child.on('close', () => this.finish());
    this.child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      this.stderrText += text;
      if (this.stderrText.length > STDERR_KEEP_CHARS) this.stderrText = this.stderrText.slice(-STDERR_KEEP_CHARS);
    });
    // EPIPE when the adapter is gone or stopped reading: its exit (or the timeout) reports it.
    this.child.stdin!.on('error', () => {});
    // An idle adapter must not keep Node alive; a pending wait holds a timer that does.
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as Socket | null)?.unref?.();
  }

  /** How the process ended: "exited with code 3", "was killed by SIGSEGV". */
  endReason(): string {
    return this.endReasonText ?? 'stopped';
  }

  /** The last stderr lines joined with " | " (at most 300 characters), or ''. */
  stderrLines(): string {
    const lines = this.stderrText.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3);
    const text = lines.join(' | ');
    return text.length > 300 ? `...${text.slice(-300)}` : text;
  }

  /** The last lines of stderr as "; stderr: a | b", or nothing. */
  stderrTail(): string {
    const t = this.stderrLines();
    return t ? `; stderr: ${t}` : '';
  }

  private onExit(): void {
    this.exited = true;
    unregister(this);
    this.markExited();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.waiter?.reject(new ProcessEnded('ended', this.endReason()));
  }

  private onStdout(chunk: Buffer): void {
    const room = this.input.length - this.inputLength;
    if (chunk.length > room) {
      this.input.set(chunk.subarray(0, room), this.inputLength);
      this.inputLength += room;
      this.inputOverflow = true;
    } else {
      this.input.set(chunk, this.inputLength);
      this.inputLength += chunk.length;
    }
    const w = this.waiter;
    if (!w) return; // bytes outside a response: the session finds them before the next batch
    try {
      if (w.ready()) w.resolve();
    } catch (e) {
      w.reject(e as Error);
    }
  }

  /**
   * Resolves once ready() (called as stdout brings data) returns true; rejects with what ready()
   * throws, or ProcessEnded on exit or after timeoutMs.
   */
  wait(ready: () => boolean, timeoutMs: number, timeoutText: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      try {
        if (ready()) return resolve();
      } catch (e) {
        return reject(e);
      }
      if (this.finished) return reject(new ProcessEnded('ended', this.endReason()));
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = null;
      };
      const timer = setTimeout(() => {
        done();
        reject(new ProcessEnded('timeout', timeoutText));
      }, timeoutMs);
      this.waiter = {
        ready,
        resolve: () => (done(), resolve()),
        reject: (e) => (done(), reject(e)),
      };
    });
  }

  /** Writes bytes to the adapter's stdin. */
  write(bytes: Uint8Array): void {
    this.child.stdin!.write(bytes);
  }

  /** SIGKILL to the process group and the child (see the file comment for what escaped the group). */
  signalKill(): void {
    if (this.pid === undefined) return;
    // Once reaped, its pid may name another process: then only the group counts.
    for (const target of this.exited ? [-this.pid] : [-this.pid, this.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Kills everything the adapter started and waits (bounded) until the process is reaped. */
  async kill(): Promise<void> {
    this.signalKill();
    await this.exitedWithin(KILL_WAIT_MS);
    this.finish();
  }

  /** Whether the process exited within ms. */
  async exitedWithin(ms: number): Promise<boolean> {
    if (this.exited || this.pid === undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const ok = await Promise.race([this.exitedPromise.then(() => true as const), timeout]);
    clearTimeout(timer);
    return ok;
  }

  /** Closes stdin after `bytes`, gives the process `graceMs` to exit, then kills what is left. */
  async end(bytes: Uint8Array, graceMs: number): Promise<void> {
    if (!this.exited) {
      const stdin = this.child.stdin!;
      if (stdin.writable) stdin.end(bytes);
      await this.exitedWithin(graceMs);
    }
    // Also after a clean exit: a process the adapter started may still hold the group.
    await this.kill();
  }
}
