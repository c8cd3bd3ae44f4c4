/**
 * What the exec protocol's codecs cost the harness for a run's cases, timed on their own with the
 * harness's own functions: encoding case records into one request buffer per batch, and decoding
 * as many outcome records (all-zero ones: res 0, a CQE posted).
 */
import { CASE_RECORD_SIZE, encodeCase } from '../backends/exec/case-record.js';
import { OUTCOME_RECORD_SIZE, outcomeFromRecord, readOutcomeRecord } from '../backends/exec/outcome-record.js';
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';

/** Milliseconds to encode every batch's cases, and to decode as many outcome records. */
export function codecMs(batches: readonly (readonly Case[])[]): { encodeMs: number; decodeMs: number } {
  const most = Math.max(1, ...batches.map((b) => b.length));
  const request = new Uint8Array(4 + CASE_RECORD_SIZE * most);
  const response = new Uint8Array(4 + OUTCOME_RECORD_SIZE * most);
  const view = new DataView(response.buffer);
  let t0 = performance.now();
  for (const b of batches) for (let i = 0; i < b.length; i++) encodeCase(b[i]!, request, 4 + i * CASE_RECORD_SIZE);
  const encodeMs = performance.now() - t0;
  let sink = 0;
  t0 = performance.now();
  for (const b of batches) {
    const out = new Array<Outcome>(b.length);
    for (let i = 0; i < b.length; i++) out[i] = outcomeFromRecord(readOutcomeRecord(view, 4 + i * OUTCOME_RECORD_SIZE));
    sink += out.length;
  }
  const decodeMs = performance.now() - t0;
  if (sink < 0) throw new Error('codecMs: unreachable');
  return { encodeMs, decodeMs };
}

/** The request stream the harness would write for these batches, ended by u32 0. */
export function requestStream(batches: readonly (readonly Case[])[]): Uint8Array {
  const total = batches.reduce((n, b) => n + 4 + b.length * CASE_RECORD_SIZE, 4);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const b of batches) {
    view.setUint32(at, b.length, true);
    for (let i = 0; i < b.length; i++) encodeCase(b[i]!, out, at + 4 + i * CASE_RECORD_SIZE);
    at += 4 + b.length * CASE_RECORD_SIZE;
  }
  return out; // the last 4 bytes stay 0: the end
}
