/**
 * The byte framing of uring-spec/1 (docs/exec-protocol.md): the hello line, request frames
 * (u32 n + n case records) and response frames (u32 n + n outcome records). Pure functions over
 * buffers; a frame that breaks the protocol throws a ProtocolViolation that shows the bytes.
 */
import type { Case } from '../../properties/case.js';
import { CASE_RECORD_SIZE, encodeCase } from './case-record.js';
import { OUTCOME_RECORD_SIZE } from './outcome-record.js';

/** The protocol's largest batch. */
export const PROTOCOL_MAX_BATCH = 4096;
/** A hello longer than this is not a hello (a binary program printing its frames, say). */
export const HELLO_MAX_BYTES = 1 << 20;

/** The adapter broke the framing: a wrong count, stray bytes, a short or garbled response. */
export class ProtocolViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

/** Bytes as hex and as text, for messages: `hex 6f 6f 70 73 0a, text "oops\n"` (the first 32). */
export function showBytes(bytes: Uint8Array, max = 32): string {
  const head = bytes.subarray(0, max);
  const hex = [...head].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = JSON.stringify([...head].map((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09 ? String.fromCharCode(b) : '.').join(''));
  return `hex ${hex}${bytes.length > max ? ' ...' : ''}, text ${text}`;
}

/** Writes the request frame for cases[from, from + n) into `buf`; returns the frame. */
export function encodeRequest(cases: readonly Case[], from: number, n: number, buf: Uint8Array<ArrayBuffer>): Uint8Array {
  new DataView(buf.buffer, buf.byteOffset).setUint32(0, n, true);
  for (let i = 0; i < n; i++) encodeCase(cases[from + i]!, buf, 4 + i * CASE_RECORD_SIZE);
  return buf.subarray(0, 4 + n * CASE_RECORD_SIZE);
}

/** The size in bytes of the response to a batch of n. */
export function responseSize(n: number): number {
  return 4 + n * OUTCOME_RECORD_SIZE;
}

/**
 * Whether `input[0, length)` holds the complete response to `batch` (a batch of n); throws a
 * ProtocolViolation as soon as the bytes cannot be that response.
 */
export function responseComplete(input: Uint8Array, length: number, overflow: boolean, n: number, batch: string): boolean {
  if (length < 4) return false;
  const got = new DataView(input.buffer, input.byteOffset).getUint32(0, true);
  if (got !== n) {
    // a count near n is a miscounting adapter; anything else is bytes that are no response at all
    if (got <= PROTOCOL_MAX_BATCH) throw new ProtocolViolation(`answered ${got} outcomes to ${batch} (expected ${n})`);
    throw new ProtocolViolation(`answered ${batch} with bytes that are no response (${showBytes(input.subarray(0, length))})`);
  }
  const want = responseSize(n);
  if (length > want || overflow) throw new ProtocolViolation(`wrote ${overflow ? 'more than ' : ''}${length - want} bytes after its response to ${batch} (${showBytes(input.subarray(want, length))})`);
  return length === want;
}

/** The hello line, if `input[0, length)` holds a newline; `scanFrom` skips bytes already searched. */
export function helloLine(input: Uint8Array, length: number, scanFrom: number): { line: string; consumed: number } | null {
  const nl = input.subarray(scanFrom, length).indexOf(0x0a);
  if (nl < 0) return null;
  const end = scanFrom + nl;
  return { line: Buffer.from(input.buffer, input.byteOffset, end).toString('utf8'), consumed: end + 1 };
}
