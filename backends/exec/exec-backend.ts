/**
 * A backend that is a separate program speaking the exec protocol uring-spec/1
 * (docs/exec-protocol.md): the C reference, its mutants, the live-kernel adapter, or any program.
 *
 * The harness pays one round trip per batch, so everything per case is synchronous: cases are
 * encoded into one preallocated request buffer and written with one write, the response is copied
 * chunk by chunk into one preallocated buffer and decoded when complete. The adapter is trusted
 * for nothing: every way it can misbehave (no start, no hello, a crash, a hang, a wrong count, a
 * malformed record, stray bytes) ends its process and becomes a BackendStartError or a
 * BackendFailure, and a crashed adapter is restarted before the next batch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { BackendFailure, BackendStartError, type Backend, type Capabilities } from '../../runner/backend.js';
import { CASE_RECORD_SIZE, encodeCase } from './case-record.js';
import { parseHello, type Hello } from './hello.js';
import { MalformedOutcomeError, OUTCOME_RECORD_SIZE, outcomeFromRecord, readOutcomeRecord } from './outcome-record.js';

/** The protocol's largest batch. */
export const PROTOCOL_MAX_BATCH = 4096;
const DEFAULT_BATCH_TIMEOUT_MS = 5000;
const DEFAULT_HELLO_TIMEOUT_MS = 10000;
/** A hello longer than this is not a hello (a binary program printing its frames, say). */
const HELLO_MAX_BYTES = 1 << 20;
/** How much of the adapter's stderr is kept for error messages. */
const STDERR_KEEP_CHARS = 8192;
/** After u32 0, how long a clean adapter gets to exit before it is killed. */
const CLOSE_GRACE_MS = 1000;
/** After the process exits, how long its pipes get to deliver the last output (stderr lines). */
const EXIT_DRAIN_MS = 200;
/** After SIGKILL, how long to wait for the kernel to report the exit. */
const KILL_WAIT_MS = 2000;

/** Options of execBackend. */
export interface ExecOptions {
  /** The backend's name in reports; default `exec:<command>`. */
  name?: string;
  /** A batch whose full response takes longer fails; default 5000 (URING_SPEC_BATCH_TIMEOUT_MS overrides the default). */
  batchTimeoutMs?: number;
  /** How long the adapter may take to print its hello; default 10000. */
  helloTimeoutMs?: number;
  /** The largest batch sent in one request (at most 4096, the protocol's limit). */
  maxBatch?: number;
  /** Called with the pid of every adapter process started (tests check that none is left). */
  onSpawn?(pid: number): void;
}

/** An exec backend; `pid` is the running adapter's process id (for tests and debugging). */
export interface ExecBackend extends Backend {
  readonly pid: number | undefined;
}

/** Why a session could not go on; turned into BackendStartError / BackendFailure by the caller. */
class Trouble extends Error {
  constructor(
    readonly kind: 'ended' | 'timeout' | 'protocol',
    message: string,
  ) {
    super(message);
  }
}

const live = new Set<Session>();
let exitHookInstalled = false;

/** An aborted harness must not leave adapters behind: kill every live one when Node exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) s.signalKill();
  });
}

interface Waiter {
  ready(): boolean;
  resolve(): void;
  reject(e: Trouble): void;
}

/** One running adapter process: its pipes, its buffers, and how it ended. */
class Session {
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** u32 n + n case records; reused for every batch. */
  readonly request: Uint8Array<ArrayBuffer>;
  private readonly requestView: DataView;
  /** Everything read from stdout and not yet consumed (hello, then one response at a time). */
  readonly input: Uint8Array<ArrayBuffer>;
  readonly inputView: DataView;
  inputLength = 0;
  /** stdout brought more than the buffer holds: whatever it was, it is not a response. */
  inputOverflow = false;
  hello: Hello | null = null;
  private helloScan = 0;
  private stderrText = '';
  private waiter: Waiter | null = null;
  /** 'exit' seen (or spawn failed): the process no longer runs. */
  exited = false;
  /** Pipes closed too, or given up on: nothing more will arrive. */
  private finished = false;
  private endText: string | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  readonly exitedPromise: Promise<void>;
  private markExited!: () => void;

  constructor(file: string, args: readonly string[], maxBatch: number) {
    this.request = new Uint8Array(4 + CASE_RECORD_SIZE * maxBatch);
    this.requestView = new DataView(this.request.buffer);
    this.input = new Uint8Array(Math.max(HELLO_MAX_BYTES, 4 + OUTCOME_RECORD_SIZE * maxBatch));
    this.inputView = new DataView(this.input.buffer);
    this.exitedPromise = new Promise((resolve) => (this.markExited = resolve));
    installExitHook();
    // Its own process group, so a shell wrapper and anything it started can be killed together.
    this.child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.pid = this.child.pid;
    if (this.pid !== undefined) live.add(this);
    this.child.on('error', (e: NodeJS.ErrnoException) => {
      // With a pid the process did start (this is a failed kill or the like): 'exit' reports.
      if (this.pid !== undefined) return;
      this.endText ??= `could not be started (${e.code ?? e.message})`;
      this.onExit();
      this.finish();
    });
    this.child.on('exit', (code, signal) => {
      this.endText ??= signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
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

  /** How the process ended: "exited with code 3", "was killed by signal SIGSEGV". */
  endReason(): string {
    return this.endText ?? 'stopped';
  }

  /** The last lines of stderr as "; stderr: a | b", or nothing. */
  stderrTail(): string {
    const lines = this.stderrText.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3);
    if (!lines.length) return '';
    const text = lines.join(' | ');
    return `; stderr: ${text.length > 300 ? `...${text.slice(-300)}` : text}`;
  }

  private onExit(): void {
    this.exited = true;
    live.delete(this);
    this.markExited();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.waiter?.reject(new Trouble('ended', this.endReason()));
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
    if (!w) return; // bytes outside a response: found by checkIdle() before the next batch
    try {
      if (w.ready()) w.resolve();
    } catch (e) {
      w.reject(e as Trouble);
    }
  }

  /** Resolves once ready() (called as stdout brings data) returns true; rejects on end or timeout. */
  private wait(ready: () => boolean, timeoutMs: number, timeoutText: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      try {
        if (ready()) return resolve();
      } catch (e) {
        return reject(e);
      }
      if (this.finished) return reject(new Trouble('ended', this.endReason()));
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = null;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Trouble('timeout', timeoutText));
      }, timeoutMs);
      this.waiter = {
        ready,
        resolve: () => (done(), resolve()),
        reject: (e) => (done(), reject(e)),
      };
    });
  }

  /** Reads the hello line; the bytes after it stay in the input (and fail the next batch). */
  async readHello(timeoutMs: number): Promise<string> {
    let line = '';
    await this.wait(
      () => {
        const nl = this.input.subarray(this.helloScan, this.inputLength).indexOf(0x0a);
        if (nl < 0) {
          this.helloScan = this.inputLength;
          if (this.inputOverflow) throw new Trouble('protocol', `printed ${this.inputLength} bytes without a newline instead of a hello line`);
          return false;
        }
        const end = this.helloScan + nl;
        line = Buffer.from(this.input.buffer, 0, end).toString('utf8');
        this.input.copyWithin(0, end + 1, this.inputLength);
        this.inputLength -= end + 1;
        return true;
      },
      timeoutMs,
      `printed no hello line within ${timeoutMs} ms`,
    );
    return line;
  }

  /** Throws when stdout brought bytes since the last response: the stream is out of sync. */
  checkIdle(): void {
    if (this.inputLength > 0 || this.inputOverflow) {
      throw new Trouble('protocol', `wrote ${this.inputOverflow ? 'more than ' : ''}${this.inputLength} bytes on stdout outside a response`);
    }
  }

  /** Encodes cases[from, from + n) into the request buffer and sends it in one write. */
  send(cases: readonly Case[], from: number, n: number): void {
    this.requestView.setUint32(0, n, true);
    for (let i = 0; i < n; i++) encodeCase(cases[from + i]!, this.request, 4 + i * CASE_RECORD_SIZE);
    this.child.stdin!.write(this.request.subarray(0, 4 + n * CASE_RECORD_SIZE));
  }

  /** Waits for the full response of n outcomes; the count is checked as soon as it arrives. */
  async receive(n: number, timeoutMs: number): Promise<void> {
    const want = 4 + n * OUTCOME_RECORD_SIZE;
    await this.wait(
      () => {
        if (this.inputLength < 4) return false;
        const got = this.inputView.getUint32(0, true);
        if (got !== n) throw new Trouble('protocol', `answered ${got} outcomes to a batch of ${n}`);
        if (this.inputLength > want || this.inputOverflow) throw new Trouble('protocol', `wrote ${this.inputLength - want} bytes after its response to a batch of ${n}`);
        return this.inputLength === want;
      },
      timeoutMs,
      `no response within ${timeoutMs} ms to a batch of ${n} cases`,
    );
  }

  /** SIGKILL to the process group (the adapter and anything it started), else to the child. */
  signalKill(): void {
    if (this.pid === undefined) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Kills the process group and waits (bounded) until the process is reaped. */
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

  /** The protocol's end: u32 0, a grace period, then SIGKILL for whatever is left of the group. */
  async close(): Promise<void> {
    if (!this.exited) {
      const stdin = this.child.stdin!;
      if (stdin.writable) stdin.end(new Uint8Array(4));
      await this.exitedWithin(CLOSE_GRACE_MS);
    }
    // Also after a clean exit: a process the adapter started may still hold the group.
    await this.kill();
  }
}

function envBatchTimeout(): number {
  const raw = process.env.URING_SPEC_BATCH_TIMEOUT_MS;
  if (raw === undefined || raw === '') return DEFAULT_BATCH_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`execBackend: URING_SPEC_BATCH_TIMEOUT_MS must be a positive number of milliseconds, got '${raw}'`);
  return ms;
}

function positive(what: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`execBackend: ${what} must be a positive number, got ${v}`);
  return v;
}

class ExecBackendImpl implements ExecBackend {
  readonly name: string;
  private readonly file: string;
  private readonly args: readonly string[];
  private readonly commandText: string;
  private readonly batchTimeoutMs: number;
  private readonly helloTimeoutMs: number;
  private readonly maxBatch: number;
  private session: Session | null = null;
  /** A hello was once accepted: a later start that fails is the adapter's failure, not bad usage. */
  private started = false;
  private readonly onSpawn: ((pid: number) => void) | undefined;
  /** probe, run and close one at a time: the protocol has one request in flight, no ids. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(command: string | readonly string[], opts: ExecOptions) {
    if (typeof command === 'string') {
      if (!command.trim()) throw new Error('execBackend: the command is empty');
      // Through the shell, so `exec:'./adapter --flag'` and `exec:'cd x && ./y'` work as typed.
      this.file = '/bin/sh';
      this.args = ['-c', command];
      this.commandText = command;
    } else {
      if (!command.length || !command[0]) throw new Error('execBackend: the command is empty');
      this.file = command[0];
      this.args = command.slice(1);
      this.commandText = command.join(' ');
    }
    this.name = opts.name ?? `exec:${this.commandText}`;
    this.onSpawn = opts.onSpawn;
    // The environment changes the default only, so a bad value there does not break an explicit option.
    this.batchTimeoutMs = opts.batchTimeoutMs !== undefined ? positive('batchTimeoutMs', opts.batchTimeoutMs, 0) : envBatchTimeout();
    this.helloTimeoutMs = positive('helloTimeoutMs', opts.helloTimeoutMs, DEFAULT_HELLO_TIMEOUT_MS);
    const mb = positive('maxBatch', opts.maxBatch, PROTOCOL_MAX_BATCH);
    if (!Number.isInteger(mb)) throw new Error(`execBackend: maxBatch must be an integer, got ${mb}`);
    this.maxBatch = Math.min(PROTOCOL_MAX_BATCH, mb);
  }

  get pid(): number | undefined {
    return this.session && !this.session.exited ? this.session.pid : undefined;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => {});
    return p;
  }

  /** The running session, started (and its hello checked) when there is none or it died. */
  private async ensure(): Promise<Session> {
    if (this.session && !this.session.exited) return this.session;
    if (this.session) await this.session.kill(); // reap what is left of a dead one
    this.session = null;
    const s = new Session(this.file, this.args, this.maxBatch);
    if (s.pid !== undefined) this.onSpawn?.(s.pid);
    const fail = async (what: string): Promise<never> => {
      await s.kill();
      const reason = `command '${this.commandText}' ${what}`;
      throw this.started ? new BackendFailure(this.name, `restarting the adapter failed: ${reason}`) : new BackendStartError(this.name, reason);
    };
    let line: string;
    try {
      line = await s.readHello(this.helloTimeoutMs);
    } catch (e) {
      if (!(e instanceof Trouble)) throw e;
      // A spawn failure (no pid) is complete as it is; an exit is worth placing in time.
      return fail(`${e.kind === 'ended' && s.pid !== undefined ? `${e.message} before its hello` : e.message}${s.stderrTail()}`);
    }
    try {
      s.hello = parseHello(line);
    } catch (e) {
      return fail(`sent an invalid hello (${(e as Error).message.replace(/^hello: /, '')})${s.stderrTail()}`);
    }
    this.session = s;
    this.started = true;
    return s;
  }

  probe(): Promise<Capabilities> {
    return this.serial(async () => {
      const h = (await this.ensure()).hello!;
      return { name: this.name, specs: [...h.specs], unsupported: { ...h.unsupported }, data: h.data, registeredOps: h.registeredOps, maxBatch: this.maxBatch, info: { ...h.info } };
    });
  }

  run(cases: readonly Case[]): Promise<Outcome[]> {
    return this.serial(async () => {
      const out = new Array<Outcome>(cases.length);
      for (let from = 0; from < cases.length; from += this.maxBatch) {
        await this.runBatch(cases, from, Math.min(this.maxBatch, cases.length - from), out);
      }
      return out;
    });
  }

  private async runBatch(cases: readonly Case[], from: number, n: number, out: Outcome[]): Promise<void> {
    const s = await this.ensure();
    try {
      s.checkIdle();
      s.send(cases, from, n);
      await s.receive(n, this.batchTimeoutMs);
    } catch (e) {
      if (!(e instanceof Trouble)) throw e;
      await this.drop(s);
      const what = e.kind === 'ended' ? `adapter ${e.message} during a batch of ${n} cases` : e.message;
      throw new BackendFailure(this.name, `${what}${s.stderrTail()}`, e.kind === 'timeout');
    }
    const view = s.inputView;
    for (let i = 0; i < n; i++) {
      try {
        out[from + i] = outcomeFromRecord(readOutcomeRecord(view, 4 + i * OUTCOME_RECORD_SIZE));
      } catch (e) {
        if (!(e instanceof MalformedOutcomeError)) throw e;
        await this.drop(s);
        throw new BackendFailure(this.name, `malformed outcome record ${i} of a batch of ${n}: ${e.message.replace(/^decodeOutcome: /, '')}`);
      }
    }
    s.inputLength = 0;
  }

  /** Ends a session that misbehaved; the next batch starts a fresh one. */
  private async drop(s: Session): Promise<void> {
    if (this.session === s) this.session = null;
    await s.kill();
  }

  close(): Promise<void> {
    return this.serial(async () => {
      const s = this.session;
      this.session = null;
      if (s) await s.close();
    });
  }
}

/**
 * A backend running `command` as an exec-protocol adapter: a string goes through `/bin/sh -c`
 * (so flags, quoting and `cd x &&` work as typed), an array is spawned directly. The adapter is
 * started by the first probe() or run() and restarted after it dies.
 */
export function execBackend(command: string | readonly string[], opts: ExecOptions = {}): ExecBackend {
  return new ExecBackendImpl(command, opts);
}
