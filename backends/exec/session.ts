/**
 * One session of the exec protocol with one adapter process: its hello, then one request at a
 * time (a batch of cases, or with uring-spec/2 a sequence of steps: the same response framing).
 * Every way the adapter can misbehave becomes a SessionTrouble saying what kind it was; the
 * backend (exec-backend.ts) decides what that means for the run.
 */
import type { Case } from '../../properties/case.js';
import { AdapterProcess, ProcessEnded } from './adapter-process.js';
import { CASE_RECORD_SIZE } from './case-record.js';
import { encodeRequest, HELLO_MAX_BYTES, helloLine, ProtocolViolation, responseComplete, responseSize, showBytes } from './framing.js';
import type { Hello } from './hello.js';

/** After u32 0, how long a clean adapter gets to exit before it is killed. */
const CLOSE_GRACE_MS = 1000;

/** Why a session could not go on: it ended, timed out, or broke the protocol. */
export class SessionTrouble extends Error {
  constructor(
    readonly kind: 'ended' | 'timeout' | 'protocol',
    message: string,
  ) {
    super(message);
  }
}

/** An adapter process and the protocol state around it. */
export class Session {
  readonly proc: AdapterProcess;
  /** u32 n + n case records; reused for every batch. */
  private readonly request: Uint8Array<ArrayBuffer>;
  hello: Hello | null = null;
  /** Batches this session answered in full. */
  answered = 0;

  constructor(file: string, args: readonly string[], maxBatch: number, marker: string) {
    this.request = new Uint8Array(4 + CASE_RECORD_SIZE * maxBatch);
    this.proc = new AdapterProcess(file, args, Math.max(HELLO_MAX_BYTES, responseSize(maxBatch)), marker);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get exited(): boolean {
    return this.proc.exited;
  }

  /** Reads the hello line; the bytes after it stay in the input (and fail the next batch). */
  async readHello(timeoutMs: number, timeoutText: string): Promise<string> {
    const p = this.proc;
    let line = '';
    let scan = 0;
    await this.guard(
      p.wait(
        () => {
          const found = helloLine(p.input, p.inputLength, scan);
          if (!found) {
            scan = p.inputLength;
            if (p.inputOverflow) throw new ProtocolViolation(`printed ${p.inputLength} bytes without a newline instead of a hello line (${showBytes(p.input)})`);
            return false;
          }
          line = found.line;
          p.input.copyWithin(0, found.consumed, p.inputLength);
          p.inputLength -= found.consumed;
          return true;
        },
        timeoutMs,
        timeoutText,
      ),
    );
    return line;
  }

  /** The request frame of a batch, in this session's reused buffer. */
  encodeBatch(cases: readonly Case[], from: number, n: number): Uint8Array {
    return encodeRequest(cases, from, n, this.request);
  }

  /**
   * Sends the request `frame()` builds and waits for its response of `n` outcome records (a
   * batch's, or a sequence request's: docs/stateful.md); the response is left in proc.input.
   * `batch` names the request in messages.
   */
  async exchangeFrame(frame: () => Uint8Array, n: number, batch: string, timeoutMs: number, timeoutText: string): Promise<void> {
    const p = this.proc;
    if (p.inputLength > 0 || p.inputOverflow) {
      throw new SessionTrouble('protocol', `wrote ${p.inputOverflow ? 'more than ' : ''}${p.inputLength} bytes on stdout outside a response, before ${batch} (${showBytes(p.input.subarray(0, p.inputLength))})`);
    }
    p.write(frame());
    try {
      await this.guard(p.wait(() => responseComplete(p.input, p.inputLength, p.inputOverflow, n, batch), timeoutMs, timeoutText));
    } catch (e) {
      // part of a response and then nothing: a short read, the adapter's framing bug
      if (e instanceof SessionTrouble && e.kind !== 'protocol' && p.inputLength > 0) {
        const how = e.kind === 'timeout' ? 'then nothing more within the batch timeout' : `then it ${e.message}`;
        throw new SessionTrouble('protocol', `short read: ${p.inputLength} of the ${responseSize(n)} bytes of its response to ${batch}, ${how} (${showBytes(p.input.subarray(0, p.inputLength))})`);
      }
      throw e;
    }
    this.answered++;
  }

  /** Consumes the response read by exchange(). */
  consume(): void {
    this.proc.inputLength = 0;
  }

  /** `pending` with process and framing errors as SessionTrouble. */
  private async guard(pending: Promise<void>): Promise<void> {
    try {
      await pending;
    } catch (e) {
      if (e instanceof ProcessEnded) throw new SessionTrouble(e.how, e.message);
      if (e instanceof ProtocolViolation) throw new SessionTrouble('protocol', e.message);
      throw e;
    }
  }

  kill(): Promise<void> {
    return this.proc.kill();
  }

  /** The protocol's end: u32 0, a grace period, then SIGKILL for whatever is left. */
  close(): Promise<void> {
    return this.proc.end(new Uint8Array(4), CLOSE_GRACE_MS);
  }
}
