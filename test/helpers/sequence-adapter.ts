/**
 * A minimal client of the exec protocol's sequence request (docs/stateful.md), for tests that talk
 * to an adapter directly: spawn it, read its hello, send sequences one at a time, read u32 n and n
 * 64-byte outcome records (res at offset 0, flags at 4).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { encodeSequenceRequest } from '../../backends/exec/step-record.js';
import type { StepSequence } from '../../spec/stateful/step.js';

/** One step's outcome as the adapter reported it. */
export interface StepOutcome {
  res: number;
  flags: number;
}

export interface SequenceAdapter {
  /** The hello line, parsed. */
  readonly hello: Record<string, unknown>;
  run(seq: StepSequence): Promise<StepOutcome[]>;
  /** Ends the session (n = 0); the adapter's exit code (null when a signal ended it). */
  close(): Promise<number | null>;
}

/** Starts `exe` and reads its hello; rejects naming the reason when it does not start or says no hello. */
export async function startSequenceAdapter(exe: string, timeoutMs = 30_000): Promise<SequenceAdapter> {
  const child: ChildProcessWithoutNullStreams = spawn(exe, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  let stderr = '';
  let wake: (() => void) | null = null;
  let ended: Error | null = null;
  child.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    wake?.();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = (why: string) => {
    ended = new Error(`${exe}: ${why}${stderr ? ` (stderr: ${stderr.trim()})` : ''}`);
    wake?.();
  };
  child.on('error', (e) => stop(e.message));
  child.on('exit', (code, signal) => stop(`exited (${signal ?? code})`));

  async function until(ready: () => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (ended) throw ended;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${exe}: no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
  const take = (n: number): Buffer => {
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };

  await until(() => buf.includes(10));
  const hello = JSON.parse(take(buf.indexOf(10) + 1).toString()) as Record<string, unknown>;
  return {
    hello,
    async run(seq) {
      child.stdin.write(encodeSequenceRequest(seq));
      await until(() => buf.length >= 4);
      const n = take(4).readUInt32LE(0);
      if (n !== seq.steps.length) throw new Error(`${exe}: answered ${n} outcomes for ${seq.steps.length} steps`);
      await until(() => buf.length >= 64 * n);
      const recs = take(64 * n);
      return Array.from({ length: n }, (_, i) => ({ res: recs.readInt32LE(64 * i), flags: recs.readUInt32LE(64 * i + 4) }));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const gone = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.stdin.end(Buffer.alloc(4)); // n = 0: the end of the session
      return gone;
    },
  };
}
