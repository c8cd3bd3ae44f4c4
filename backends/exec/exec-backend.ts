/**
 * A backend that is a separate program speaking the exec protocol uring-spec/1
 * (docs/exec-protocol.md), or uring-spec/2, which adds sequence requests (docs/stateful.md): the C
 * reference, its mutants, the live-kernel adapter, the stateful mutant adapter, or any program.
 * A sequence request is one more kind of request on the same session, with the same crash, hang,
 * protocol and restart handling as a batch.
 *
 * The harness pays one round trip per batch, so everything per case is synchronous (framing.ts);
 * the process and its cleanup live in adapter-process.ts, one protocol session in session.ts. This
 * file decides what misbehaviour means for a run: a failed start or a bad hello is a
 * BackendStartError (bad usage); after the hello, a crash or a hang is a BackendFailure and the
 * adapter is restarted for the next batch, within a budget: an adapter that dies or hangs on every
 * batch, or breaks the protocol once, is given up on, and every later run fails at once with the
 * same persistent BackendFailure, so a broken adapter costs seconds, not a cascade of restarts.
 */
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { BackendFailure, BackendStartError, type Backend, type BackendFailureKind, type Capabilities } from '../../runner/backend.js';
import { PROTOCOL_MAX_BATCH } from './framing.js';
import { parseHello } from './hello.js';
import { MalformedOutcomeError, OUTCOME_RECORD_SIZE, outcomeFromRecord, readOutcomeRecord } from './outcome-record.js';
import { Session, SessionTrouble } from './session.js';
import { encodeSequenceRequest } from './step-record.js';
import type { StepSequence } from '../../spec/stateful/step.js';
import { newMarker, sweepMarker } from './reaper.js';

export { PROTOCOL_MAX_BATCH } from './framing.js';
export { adaptersExited, killAllAdapters } from './reaper.js';

const DEFAULT_BATCH_TIMEOUT_MS = 5000;
/** Generous: a kernel booting under emulation takes tens of seconds to print its hello. */
const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;
/** Sessions in a row that die before answering anything, before the adapter is examined. */
const DEAD_SESSIONS_BEFORE_DIAGNOSIS = 3;
/** Sessions in a row that hang before answering anything, before the adapter is examined. */
const HUNG_SESSIONS_BEFORE_DIAGNOSIS = 2;
/**
 * An adapter that never answered a batch and died on this many different cases sent alone crashes
 * on everything: a single crashing input, bisected and shrunk, would have let some case through.
 */
const DEAD_SINGLES_BEFORE_GIVING_UP = 6;
/** How long a fresh adapter is watched, unprompted, to see whether it exits on its own. */
const IDLE_PROBE_MS = 300;

/** How to raise each timeout, named in every timeout message. */
export const BATCH_TIMEOUT_HINT = 'raise it with --batch-timeout SECONDS or URING_SPEC_BATCH_TIMEOUT_MS';
export const STARTUP_TIMEOUT_HINT = 'raise it with --startup-timeout SECONDS or URING_SPEC_STARTUP_TIMEOUT_MS';

/** Options of execBackend. */
export interface ExecOptions {
  /** The backend's name in reports; default `exec:<command>`. */
  name?: string;
  /** A batch whose full response takes longer fails; default 5000 (URING_SPEC_BATCH_TIMEOUT_MS overrides the default). */
  batchTimeoutMs?: number;
  /** How long the adapter may take to print its hello; default 60000 (URING_SPEC_STARTUP_TIMEOUT_MS overrides the default). */
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

/** A positive number of milliseconds from environment variable `name`, or `dflt` when unset. */
export function envMilliseconds(name: string, dflt: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const ms = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(ms) || ms <= 0) throw new Error(`execBackend: ${name} must be a positive number of milliseconds, got '${raw}'`);
  return ms;
}

function positive(what: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`execBackend: ${what} must be a positive number, got ${v}`);
  return v;
}

function duration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

const FAILURE_KIND: Record<SessionTrouble['kind'], BackendFailureKind> = { ended: 'crash', timeout: 'hang', protocol: 'protocol' };

/** One request on a session: a batch of cases, or a sequence of steps on one ring. */
interface Request {
  /** Outcome records its response holds. */
  n: number;
  /** How messages name it ("batch 12 (256 cases)", "sequence 3 (6 steps)"). */
  what: string;
  /** Builds the request's bytes (a batch reuses the session's buffer). */
  frame(s: Session): () => Uint8Array;
  /** A case the adapter answers when this request succeeds (none for a sequence). */
  good: Case | null;
  /** The lone case of a one-case batch (counted when the adapter dies on every such case). */
  single: Case | null;
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
  private caps: Capabilities | null = null;
  private readonly onSpawn: ((pid: number) => void) | undefined;
  /** probe, run and close one at a time: the protocol has one request in flight, no ids. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Batches sent, for messages ("batch 12 (256 cases)"). */
  private batches = 0;
  /** Sequences sent, for messages ("sequence 3 (6 steps)"). */
  private sequences = 0;
  /** Sessions in a row that died / hung before answering a batch. */
  private deadInARow = 0;
  private hungInARow = 0;
  /** Whether a fresh session was once watched and did not exit on its own. */
  private idleProbePassed = false;
  /** Different single cases the adapter died on while it had never answered a batch. */
  private deadSingles = new Set<string>();
  /** A case the adapter answered: a deterministic adapter answers it again. */
  private goodCase: Case | null = null;
  /** Set once the adapter is given up on: every later run throws it. */
  private gaveUp: BackendFailure | null = null;
  /** In every adapter's environment, to find what escaped its process group (adapter-process.ts). */
  private marker: string | null = null;

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
    this.batchTimeoutMs = opts.batchTimeoutMs !== undefined ? positive('batchTimeoutMs', opts.batchTimeoutMs, 0) : envMilliseconds('URING_SPEC_BATCH_TIMEOUT_MS', DEFAULT_BATCH_TIMEOUT_MS);
    this.helloTimeoutMs = opts.helloTimeoutMs !== undefined ? positive('helloTimeoutMs', opts.helloTimeoutMs, 0) : envMilliseconds('URING_SPEC_STARTUP_TIMEOUT_MS', DEFAULT_STARTUP_TIMEOUT_MS);
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

  /** Gives up on the adapter: `f`, made persistent, is what every later run throws. */
  private giveUp(f: BackendFailure): BackendFailure {
    this.gaveUp = new BackendFailure(f.backend, f.reason, f.hung, f.kind, f.stderrTail, true);
    return this.gaveUp;
  }

  /** The running session, started (and its hello checked) when there is none or it died. */
  private async ensure(): Promise<Session> {
    if (this.session && !this.session.exited) return this.session;
    if (this.session) await this.session.kill(); // reap what is left of a dead one
    this.session = null;
    this.marker ??= newMarker();
    const s = new Session(this.file, this.args, this.maxBatch, this.marker);
    if (s.pid !== undefined) this.onSpawn?.(s.pid);
    const fail = async (what: string, kind: BackendFailureKind): Promise<never> => {
      await s.kill();
      const reason = `command '${this.commandText}' ${what}${s.proc.stderrTail()}`;
      // after a first good hello, a restart that fails is the adapter's failure, and final
      if (this.started) throw this.giveUp(new BackendFailure(this.name, `restarting the adapter failed: ${reason}`, kind === 'hang', kind, s.proc.stderrLines()));
      throw new BackendStartError(this.name, reason);
    };
    let line: string;
    try {
      line = await s.readHello(this.helloTimeoutMs, `printed no hello line within ${duration(this.helloTimeoutMs)} (${STARTUP_TIMEOUT_HINT})`);
    } catch (e) {
      if (!(e instanceof SessionTrouble)) throw e;
      // A spawn failure (no pid) is complete as it is; an exit is worth placing in time.
      return fail(e.kind === 'ended' && s.pid !== undefined ? `${e.message} before its hello` : e.message, FAILURE_KIND[e.kind]);
    }
    try {
      s.hello = parseHello(line);
    } catch (e) {
      return fail(`sent an invalid hello (${(e as Error).message.replace(/^hello: /, '')})`, 'protocol');
    }
    this.session = s;
    this.started = true;
    return s;
  }

  probe(): Promise<Capabilities> {
    return this.serial(async () => {
      if (this.gaveUp) {
        if (this.caps) return { ...this.caps };
        throw this.gaveUp;
      }
      const h = (await this.ensure()).hello!;
      this.caps = { name: this.name, specs: [...h.specs], unsupported: { ...h.unsupported }, data: h.data, registeredOps: h.registeredOps, maxBatch: this.maxBatch, sequences: h.sequences, ...(h.constants ? { constants: { ...h.constants } } : {}), info: { ...h.info } };
      return { ...this.caps };
    });
  }

  run(cases: readonly Case[]): Promise<Outcome[]> {
    return this.serial(async () => {
      const out = new Array<Outcome>(cases.length);
      for (let from = 0; from < cases.length; from += this.maxBatch) {
        const n = Math.min(this.maxBatch, cases.length - from);
        await this.runRequest(this.batchRequest(cases, from, n), out, from);
      }
      return out;
    });
  }

  /**
   * Runs a sequence on one ring (uring-spec/2). An adapter whose hello said uring-spec/1 is never
   * sent one: that is the harness's mistake, thrown as a plain Error.
   */
  runSequence(seq: StepSequence): Promise<Outcome[]> {
    return this.serial(async () => {
      if (this.gaveUp) throw this.gaveUp;
      const s = await this.ensure();
      if (!s.hello!.sequences) throw new Error(`execBackend: ${this.name} speaks ${s.hello!.protocol}, not uring-spec/2: it runs no sequences (check capabilities.sequences first)`);
      const n = seq.steps.length;
      const bytes = encodeSequenceRequest(seq);
      const out = new Array<Outcome>(n);
      await this.runRequest({ n, what: `sequence ${++this.sequences} (${n} step${n === 1 ? '' : 's'})`, frame: () => () => bytes, good: null, single: null }, out, 0);
      return out;
    });
  }

  private batchRequest(cases: readonly Case[], from: number, n: number): Request {
    return { n, what: `batch ${++this.batches} (${n} case${n === 1 ? '' : 's'})`, frame: (s) => () => s.encodeBatch(cases, from, n), good: cases[from]!, single: n === 1 ? cases[from]! : null };
  }

  /** One request on the current (or a fresh) session; a failure is classified and may end the adapter's run. */
  private async runRequest(req: Request, out: Outcome[], at: number): Promise<void> {
    if (this.gaveUp) throw this.gaveUp;
    const s = await this.ensure();
    const failure = await this.attempt(s, req, out, at);
    if (!failure) {
      this.deadInARow = 0;
      this.hungInARow = 0;
      if (req.good) this.goodCase = req.good;
      return;
    }
    if (failure.kind === 'protocol') throw this.giveUp(failure);
    const first = s.answered === 0;
    if (failure.kind === 'crash' && req.single && !this.goodCase) {
      this.deadSingles.add(JSON.stringify(req.single, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v)));
      if (this.deadSingles.size >= DEAD_SINGLES_BEFORE_GIVING_UP) {
        throw this.giveUp(new BackendFailure(this.name, `crashes on every case: it never answered a batch, and died on each of ${this.deadSingles.size} different cases sent alone (last: ${failure.reason.replace(/^adapter /, '')})`, false, 'crash', failure.stderrTail));
      }
    }
    this.deadInARow = failure.kind === 'crash' && first ? this.deadInARow + 1 : 0;
    this.hungInARow = failure.kind === 'hang' && first ? this.hungInARow + 1 : 0;
    const verdict = this.deadInARow >= DEAD_SESSIONS_BEFORE_DIAGNOSIS ? await this.diagnoseCrashes(failure) : this.hungInARow >= HUNG_SESSIONS_BEFORE_DIAGNOSIS ? await this.diagnoseHangs(failure) : null;
    if (verdict) throw this.giveUp(new BackendFailure(this.name, verdict, failure.hung, failure.kind, failure.stderrTail));
    throw failure;
  }

  /** Sends one request and decodes its outcomes into out[at, at + n); returns the failure, or null. */
  private async attempt(s: Session, req: Request, out: Outcome[], at: number): Promise<BackendFailure | null> {
    const what = req.what;
    try {
      await s.exchangeFrame(req.frame(s), req.n, what, this.batchTimeoutMs, `no response within ${duration(this.batchTimeoutMs)} to ${what} (${BATCH_TIMEOUT_HINT})`);
    } catch (e) {
      if (!(e instanceof SessionTrouble)) throw e;
      await this.drop(s);
      const said = e.kind === 'ended' ? `adapter ${e.message} during ${what}` : `adapter ${e.message}`;
      return new BackendFailure(this.name, `${said}${s.proc.stderrTail()}`, e.kind === 'timeout', FAILURE_KIND[e.kind], s.proc.stderrLines());
    }
    const view = s.proc.inputView;
    for (let i = 0; i < req.n; i++) {
      try {
        out[at + i] = outcomeFromRecord(readOutcomeRecord(view, 4 + i * OUTCOME_RECORD_SIZE));
      } catch (e) {
        if (!(e instanceof MalformedOutcomeError)) throw e;
        await this.drop(s);
        return new BackendFailure(this.name, `adapter sent a malformed outcome record ${i} in its response to ${what}: ${e.message.replace(/^decodeOutcome: /, '')}${s.proc.stderrTail()}`, false, 'protocol', s.proc.stderrLines());
      }
    }
    s.consume();
    return null;
  }

  /**
   * Several sessions in a row died before answering: does the adapter die whatever it is sent?
   * A case it answered before must be answered again; with none, a fresh adapter must at least
   * stay up unprompted. Returns the verdict, or null (the adapter is fine; counting starts anew).
   */
  private async diagnoseCrashes(last: BackendFailure): Promise<string | null> {
    const k = this.deadInARow;
    this.deadInARow = 0;
    const s = await this.ensure();
    if (this.goodCase) {
      const again = await this.attempt(s, this.batchRequest([this.goodCase], 0, 1), [], 0);
      if (!again) return null;
      return `exits after every batch: ${k} sessions in a row ended before answering, and a fresh one ended on a case it had answered before (${again.reason})`;
    }
    if (this.idleProbePassed) return null;
    if (!(await s.proc.exitedWithin(IDLE_PROBE_MS))) {
      this.idleProbePassed = true;
      return null;
    }
    await this.drop(s);
    return `exits after every batch: ${k} sessions in a row ended before answering (last: ${last.reason.replace(/^adapter /, '')}), and a fresh one ${s.proc.endReason()} within ${IDLE_PROBE_MS} ms of its hello without being sent a case`;
  }

  /** Several sessions in a row hung before answering: does it answer anything at all? */
  private async diagnoseHangs(last: BackendFailure): Promise<string | null> {
    const k = this.hungInARow;
    this.hungInARow = 0;
    if (!this.goodCase) return `never answers: ${k} sessions in a row answered no batch within ${duration(this.batchTimeoutMs)} (${BATCH_TIMEOUT_HINT}); last: ${last.reason.replace(/^adapter /, '')}`;
    const again = await this.attempt(await this.ensure(), this.batchRequest([this.goodCase], 0, 1), [], 0);
    if (!again) return null;
    return `never answers: ${k} sessions in a row answered no batch within ${duration(this.batchTimeoutMs)}, and a fresh one not even a case it had answered before (${BATCH_TIMEOUT_HINT})`;
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
      if (this.marker) sweepMarker(this.marker);
      this.marker = null;
    });
  }
}

/**
 * A backend running `command` as an exec-protocol adapter: a string goes through `/bin/sh -c`
 * (so flags, quoting and `cd x &&` work as typed), an array is spawned directly. The adapter is
 * started by the first probe() or run() and restarted after it dies (see the file comment).
 */
export function execBackend(command: string | readonly string[], opts: ExecOptions = {}): ExecBackend {
  return new ExecBackendImpl(command, opts);
}
