/**
 * The kernel adapter's batched path against its one-at-a-time path on the live kernel: the same
 * seeded cases of nop@6.18 and fixed-buf@6.15 (every property's cases, so links, drains, skipped
 * successes, ASYNC, fixed files and the batch-isolation neighbours are all in the mix), sent as one
 * request stream to the adapter twice - once as it runs by default (cases grouped by ring context,
 * independent ones submitted many per io_uring_enter), once with URING_SPEC_KERNEL_ONE_AT_A_TIME=1
 * (each case alone, in case order) - must give byte-identical outcome streams. The batched run
 * must also have batched most of what it could (its URING_SPEC_KERNEL_STATS line), so a batching
 * path that silently never runs fails here. Skipped with the reason where the adapter does not
 * build or finds no io_uring.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_RECORD_SIZE, encodeCase } from '../../backends/exec/case-record.js';
import { OUTCOME_RECORD_SIZE, decodeOutcome } from '../../backends/exec/outcome-record.js';
import { parseBackend, projectRoot } from '../../backends/registry.js';
import type { Case } from '../../properties/case.js';
import { getSpec } from '../../registry/specs.js';

const SEED = 1306;
/** Trials per property; every trial's cases go in. */
const TRIALS = 300;
const BATCH = 4096;

const probeBackend = parseBackend('kernel', 'nop@6.18');
afterAll(() => probeBackend.close());

/** Why the live kernel cannot be used here, or '' when it can (the probe also builds the adapter). */
async function unavailable(): Promise<string> {
  try {
    const caps = await probeBackend.probe();
    const missing = ['nop@6.18', 'fixed-buf@6.15'].filter((s) => !caps.specs.includes(s));
    return missing.length ? `the kernel adapter cannot run ${missing.map((s) => `${s} (${caps.unsupported[s] ?? 'unsupported'})`).join(', ')}` : '';
  } catch (e) {
    return `the kernel backend did not start: ${(e as Error).message}`;
  }
}
const reason = await unavailable();

/** Every property's cases for TRIALS seeded trials, in property order. */
function seededCases(specId: string): Case[] {
  const spec = getSpec(specId);
  return spec.properties.flatMap((p, i) => fc.sample(p.arbitrary, { numRuns: TRIALS, seed: SEED + i }).flatMap((t) => p.cases(t)));
}

/** The request stream the harness would send: batches of BATCH, then the end. */
function stream(cases: readonly Case[]): Uint8Array {
  const batches = Math.ceil(cases.length / BATCH);
  const out = new Uint8Array(cases.length * CASE_RECORD_SIZE + batches * 4 + 4);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let from = 0; from < cases.length; from += BATCH) {
    const n = Math.min(BATCH, cases.length - from);
    view.setUint32(at, n, true);
    for (let i = 0; i < n; i++) encodeCase(cases[from + i]!, out, at + 4 + i * CASE_RECORD_SIZE);
    at += 4 + n * CASE_RECORD_SIZE;
  }
  return out;
}

interface Run {
  /** The outcome records after the hello, without the per-batch counts. */
  records: Buffer;
  stats: { lone: number; batched: number };
}

function runAdapter(input: Uint8Array, oneAtATime: boolean): Run {
  const exe = join(projectRoot(), 'build', 'c', 'kernel-adapter');
  const env = { ...process.env, URING_SPEC_KERNEL_STATS: '1', URING_SPEC_KERNEL_ONE_AT_A_TIME: oneAtATime ? '1' : '0' };
  const r = spawnSync(exe, [], { input, env, maxBuffer: 1 << 30, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`kernel-adapter exited with ${r.status ?? r.signal}: ${r.stderr.toString().slice(-500)}`);
  const out = r.stdout;
  const body = out.subarray(out.indexOf(0x0a) + 1);
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; ) {
    const n = body.readUInt32LE(at);
    parts.push(body.subarray(at + 4, at + 4 + n * OUTCOME_RECORD_SIZE));
    at += 4 + n * OUTCOME_RECORD_SIZE;
  }
  const m = /stats: (\d+) cases one at a time, (\d+) batched/.exec(r.stderr.toString());
  if (!m) throw new Error(`kernel-adapter printed no stats line: ${r.stderr.toString().slice(-500)}`);
  return { records: Buffer.concat(parts), stats: { lone: Number(m[1]), batched: Number(m[2]) } };
}

/** Index and both outcomes of the first case whose records differ, for the failure message. */
function firstDifference(cases: readonly Case[], a: Buffer, b: Buffer): string {
  for (let i = 0; i < cases.length; i++) {
    const x = a.subarray(i * OUTCOME_RECORD_SIZE, (i + 1) * OUTCOME_RECORD_SIZE);
    const y = b.subarray(i * OUTCOME_RECORD_SIZE, (i + 1) * OUTCOME_RECORD_SIZE);
    if (!x.equals(y)) {
      const bigint = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);
      return `case ${i}: ${JSON.stringify(cases[i], bigint)}\n  batched ${JSON.stringify(decodeOutcome(x), bigint)}\n  alone   ${JSON.stringify(decodeOutcome(y), bigint)}`;
    }
  }
  return 'none';
}

describe('kernel adapter: batched submission gives the outcomes of one case per io_uring_enter', () => {
  for (const specId of ['nop@6.18', 'fixed-buf@6.15']) {
    it.skipIf(reason !== '')(`${specId}: same seeded cases, same outcomes, in case order${reason ? ` (skipped: ${reason})` : ''}`, () => {
      const cases = seededCases(specId);
      const input = stream(cases);
      const alone = runAdapter(input, true);
      const batched = runAdapter(input, false);
      expect(alone.stats.batched).toBe(0);
      expect(alone.records.length).toBe(cases.length * OUTCOME_RECORD_SIZE);
      expect(batched.records.length).toBe(cases.length * OUTCOME_RECORD_SIZE);
      expect(batched.records.equals(alone.records), `first difference: ${firstDifference(cases, batched.records, alone.records)}`).toBe(true);
      // the comparison means something only if the batched path ran for a good part of the cases
      expect(batched.stats.batched + batched.stats.lone).toBeGreaterThanOrEqual(cases.length);
      expect(batched.stats.batched).toBeGreaterThan(cases.length / 4);
    });
  }
});
