/**
 * A bare exec-protocol version 2 client for tests: spawns an adapter, reads its hello, sends
 * sequence requests (backends/exec/step-record.ts) and reads `u32 n` + n 64-byte outcome records.
 * Deliberately independent of the harness's own exec backend, so a test of an adapter's sequences
 * does not depend on the code under test elsewhere.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { encodeSequenceRequest } from '../../backends/exec/step-record.js';
import type { StepSequence } from '../../spec/stateful/step.js';

/** One step's outcome as the adapter sent it. */
export interface StepResult {
  res: number;
  flags: number;
}

export class SequenceAdapter {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private ended = false;
  private stderr = '';

  constructor(exe: string, args: string[] = []) {
    this.proc = spawn(exe, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.waiter?.();
    });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on('close', () => {
      this.ended = true;
      this.waiter?.();
    });
  }

  /** Resolves once `ready()` holds; rejects if the adapter ends first. */
  private async until(ready: () => boolean, what: string): Promise<void> {
    while (!ready()) {
      if (this.ended) throw new Error(`adapter ended before ${what}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  /** The hello line, parsed. */
  async hello(): Promise<Record<string, unknown>> {
    await this.until(() => this.buf.includes(10), 'its hello');
    const nl = this.buf.indexOf(10);
    const line = this.buf.subarray(0, nl).toString();
    this.buf = this.buf.subarray(nl + 1);
    return JSON.parse(line) as Record<string, unknown>;
  }

  /** Runs one sequence; every step's outcome in order. */
  async run(seq: StepSequence): Promise<StepResult[]> {
    this.proc.stdin.write(encodeSequenceRequest(seq));
    await this.until(() => this.buf.length >= 4, 'answering a sequence');
    const n = this.buf.readUInt32LE(0);
    if (n !== seq.steps.length) throw new Error(`adapter answered ${n} outcomes for ${seq.steps.length} steps`);
    await this.until(() => this.buf.length >= 4 + n * 64, `sending ${n} outcome records`);
    const out = Array.from({ length: n }, (_, i) => ({ res: this.buf.readInt32LE(4 + i * 64), flags: this.buf.readUInt32LE(4 + i * 64 + 4) }));
    this.buf = this.buf.subarray(4 + n * 64);
    return out;
  }

  /** Ends the session (n = 0) and waits for the exit code. */
  async close(): Promise<number | null> {
    if (!this.ended) {
      const code = new Promise<number | null>((resolve) => this.proc.once('exit', (c) => resolve(c)));
      this.proc.stdin.end(Buffer.alloc(4));
      return code;
    }
    return this.proc.exitCode;
  }
}
