/**
 * The 64-byte outcome record of the exec protocol (docs/exec-protocol.md, "Outcome record") and
 * its flags, as in backends/c/kit/uring_spec_kit.h (USPEC_OUT_*).
 */
import type { Outcome } from '../../model/outcome.js';
import type { UringBpfData } from '../../spec/bpf-v1/data.js';
import { resName } from '../../spec/errno.js';

/** Size of one outcome record in bytes. */
export const OUTCOME_RECORD_SIZE = 64;

/** Field offsets; bytes 38-63 are zero on the wire and ignored here. */
export const OUTCOME_RECORD_LAYOUT = {
  res: 0,
  flags: 4,
  opf: 8,
  buf1_len: 12,
  buf1_addr: 16,
  buf2_addr: 24,
  buf2_len: 32,
  buf_index: 36,
} as const;

/** Outcome flag bits (USPEC_OUT_*). */
export const OUT_DATA_VALID = 1 << 0;
export const OUT_NO_CQE = 1 << 1;
export const OUT_TIMEOUT = 1 << 2;
export const OUT_NOT_CONSUMED = 1 << 3;
export const OUT_CTX_FAILED = 1 << 4;
/** Every defined flag bit; anything else makes the record malformed. */
export const OUT_VALID_FLAGS = OUT_DATA_VALID | OUT_NO_CQE | OUT_TIMEOUT | OUT_NOT_CONSUMED | OUT_CTX_FAILED;

/** An outcome record as it is on the wire, field by field (struct uspec_outcome). */
export interface OutcomeRecord {
  res: number;
  flags: number;
  opf: number;
  buf1_len: number;
  buf1_addr: bigint;
  buf2_addr: bigint;
  buf2_len: number;
  buf_index: number;
}

/** A record that breaks the protocol (not a spec outcome: the adapter misbehaved). */
export class MalformedOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedOutcomeError';
  }
}

const O = OUTCOME_RECORD_LAYOUT;

/** Reads the raw fields of the record at byte `offset` of `view`. */
export function readOutcomeRecord(view: DataView, offset = 0): OutcomeRecord {
  return {
    res: view.getInt32(offset + O.res, true),
    flags: view.getUint32(offset + O.flags, true),
    opf: view.getUint32(offset + O.opf, true),
    buf1_len: view.getUint32(offset + O.buf1_len, true),
    buf1_addr: view.getBigUint64(offset + O.buf1_addr, true),
    buf2_addr: view.getBigUint64(offset + O.buf2_addr, true),
    buf2_len: view.getUint32(offset + O.buf2_len, true),
    buf_index: view.getUint16(offset + O.buf_index, true),
  };
}

/** Writes the raw fields at byte `offset` of `view`, bytes 38-63 as zero. */
export function writeOutcomeRecord(rec: OutcomeRecord, view: DataView, offset = 0): void {
  for (let i = 0; i < OUTCOME_RECORD_SIZE; i += 4) view.setUint32(offset + i, 0);
  view.setInt32(offset + O.res, rec.res, true);
  view.setUint32(offset + O.flags, rec.flags >>> 0, true);
  view.setUint32(offset + O.opf, rec.opf >>> 0, true);
  view.setUint32(offset + O.buf1_len, rec.buf1_len >>> 0, true);
  view.setBigUint64(offset + O.buf1_addr, rec.buf1_addr, true);
  view.setBigUint64(offset + O.buf2_addr, rec.buf2_addr, true);
  view.setUint32(offset + O.buf2_len, rec.buf2_len >>> 0, true);
  view.setUint16(offset + O.buf_index, rec.buf_index, true);
}

/** What an anomaly flag means, in the words reports print. */
function anomalyOf(flags: number, res: number): string | undefined {
  const parts: string[] = [];
  if (flags & OUT_TIMEOUT) parts.push("no completion within the adapter's bounded wait");
  if (flags & OUT_NOT_CONSUMED) parts.push('the kernel did not consume the SQE');
  if (flags & OUT_CTX_FAILED) parts.push(`the ring context could not be realised: ${res} (${resName(res)})`);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * The Outcome a record stands for. Throws MalformedOutcomeError (`decodeOutcome: ...`) when a flag
 * bit the protocol does not define is set: that is a frame out of sync or a broken adapter, and
 * guessing would turn it into a spec verdict.
 */
export function outcomeFromRecord(rec: OutcomeRecord): Outcome {
  const flags = rec.flags >>> 0;
  const undefinedBits = flags & ~OUT_VALID_FLAGS;
  if (undefinedBits) {
    throw new MalformedOutcomeError(`decodeOutcome: undefined flag bits 0x${(undefinedBits >>> 0).toString(16)} set (flags 0x${flags.toString(16)})`);
  }
  const data: UringBpfData | null =
    flags & OUT_DATA_VALID
      ? { opf: rec.opf, buf1_addr: rec.buf1_addr, buf1_len: rec.buf1_len, buf2_addr: rec.buf2_addr, buf2_len: rec.buf2_len, buf_index: rec.buf_index }
      : null;
  const out: Outcome = { res: rec.res, posted: (flags & OUT_NO_CQE) === 0, data };
  const anomaly = anomalyOf(flags, rec.res);
  if (anomaly !== undefined) out.anomaly = anomaly;
  return out;
}

/**
 * The record for an outcome (for tests and fake adapters). The anomaly text cannot be turned back
 * into bits, so the anomaly flags are given separately (OUT_TIMEOUT | OUT_NOT_CONSUMED | OUT_CTX_FAILED).
 */
export function recordFromOutcome(o: Outcome, anomalyFlags = 0): OutcomeRecord {
  const d = o.data;
  return {
    res: o.res,
    flags: (d ? OUT_DATA_VALID : 0) | (o.posted ? 0 : OUT_NO_CQE) | anomalyFlags,
    opf: d ? d.opf : 0,
    buf1_len: d ? d.buf1_len : 0,
    buf1_addr: d ? d.buf1_addr : 0n,
    buf2_addr: d ? d.buf2_addr : 0n,
    buf2_len: d ? d.buf2_len : 0,
    buf_index: d ? d.buf_index : 0,
  };
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes the 64-byte record at `offset` of `bytes` into an Outcome; see outcomeFromRecord. */
export function decodeOutcome(bytes: Uint8Array, offset = 0): Outcome {
  if (offset < 0 || offset + OUTCOME_RECORD_SIZE > bytes.length) {
    throw new Error(`decodeOutcome: no ${OUTCOME_RECORD_SIZE}-byte record at offset ${offset} of ${bytes.length} bytes`);
  }
  return outcomeFromRecord(readOutcomeRecord(viewOf(bytes), offset));
}

/**
 * Decodes `n` consecutive records starting at `offset` (one DataView for the lot: this is the
 * harness's hot path). A malformed record throws MalformedOutcomeError naming its index.
 */
export function decodeOutcomes(bytes: Uint8Array, n: number, offset = 0): Outcome[] {
  if (offset < 0 || offset + n * OUTCOME_RECORD_SIZE > bytes.length) {
    throw new Error(`decodeOutcomes: ${n} records at offset ${offset} do not fit in ${bytes.length} bytes`);
  }
  const view = viewOf(bytes);
  const out = new Array<Outcome>(n);
  for (let i = 0; i < n; i++) {
    try {
      out[i] = outcomeFromRecord(readOutcomeRecord(view, offset + i * OUTCOME_RECORD_SIZE));
    } catch (e) {
      if (e instanceof MalformedOutcomeError) throw new MalformedOutcomeError(`${e.message.replace(/^decodeOutcome: /, `decodeOutcomes: record ${i} of ${n}: `)}`);
      throw e;
    }
  }
  return out;
}

/** Encodes an outcome as a 64-byte record into `out` at `offset` (a fresh buffer when not given). */
export function encodeOutcome(o: Outcome, out: Uint8Array<ArrayBuffer> = new Uint8Array(OUTCOME_RECORD_SIZE), offset = 0, anomalyFlags = 0): Uint8Array<ArrayBuffer> {
  if (offset < 0 || offset + OUTCOME_RECORD_SIZE > out.length) {
    throw new Error(`encodeOutcome: no room for a ${OUTCOME_RECORD_SIZE}-byte record at offset ${offset} of ${out.length} bytes`);
  }
  writeOutcomeRecord(recordFromOutcome(o, anomalyFlags), viewOf(out), offset);
  return out;
}
