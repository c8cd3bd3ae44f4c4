/**
 * The 128-byte case record of the exec protocol (docs/exec-protocol.md, "Case record"): the SQE
 * exactly as the kernel reads it, then the ring context. Little-endian, field by field.
 */
import type { Case } from '../../properties/case.js';
import type { RingContext } from '../../spec/context.js';
import { decodeSqe, encodeSqe } from '../../spec/sqe.js';
import { SQE_LAYOUT, SQE_SIZE, type Sqe } from '../../spec/sqe-layout.js';

/** Size of one case record in bytes. */
export const CASE_RECORD_SIZE = 128;

/** The ring-context part of the record, as a table (the SQE occupies bytes 0-63). */
export const CASE_RECORD_LAYOUT = {
  setup_flags: { offset: 64, size: 4 },
  nr_bufs: { offset: 68, size: 4 },
  buf_size: { offset: 72, size: 4 },
  nr_personalities: { offset: 76, size: 2 },
  /** Reserved, zero. */
  reserved1: { offset: 78, size: 2 },
  /** Bit (id % 8) of byte (id / 8): BPF op id has a registered prep_fn. */
  ops: { offset: 80, size: 32 },
  /** Reserved, zero. */
  reserved2: { offset: 112, size: 16 },
} as const;

const L = CASE_RECORD_LAYOUT;
/** Op ids the bitmap has a bit for: 0..OPS_SLOTS-1. */
const OPS_SLOTS = L.ops.size * 8;

const u64 = (x: bigint | number): bigint => (typeof x === 'bigint' ? x : BigInt(x));

/**
 * encodeSqe, unrolled. The generic table walk costs about a microsecond per SQE (a keyed load
 * and a kind dispatch per field), which made encoding the harness's bottleneck; this is the same
 * table written out. It is used only while SQE_LAYOUT still says exactly this (checked below), so
 * a changed table falls back to encodeSqe instead of silently writing a stale layout;
 * test/backends/case-record.test.ts checks both agree byte for byte.
 */
function writeSqeUnrolled(s: Sqe, v: DataView, o: number): void {
  v.setUint8(o, s.opcode);
  v.setUint8(o + 1, s.flags);
  v.setUint16(o + 2, s.ioprio, true);
  v.setInt32(o + 4, s.fd, true);
  v.setBigUint64(o + 8, u64(s.off), true);
  v.setBigUint64(o + 16, u64(s.addr), true);
  v.setUint32(o + 24, s.len, true);
  v.setUint32(o + 28, s.op_flags, true);
  v.setBigUint64(o + 32, u64(s.user_data), true);
  v.setUint16(o + 40, s.buf_index, true);
  v.setUint16(o + 42, s.personality, true);
  v.setInt32(o + 44, s.splice_fd_in, true);
  v.setBigUint64(o + 48, u64(s.addr3), true);
  v.setBigUint64(o + 56, u64(s.pad2), true);
}
const UNROLLED_LAYOUT = 'opcode@0:u8 flags@1:u8 ioprio@2:u16 fd@4:s32 off@8:u64 addr@16:u64 len@24:u32 op_flags@28:u32 user_data@32:u64 buf_index@40:u16 personality@42:u16 splice_fd_in@44:s32 addr3@48:u64 pad2@56:u64';

/** Whether writeSqeUnrolled still matches SQE_LAYOUT (exported for the test). */
export const SQE_UNROLLED = SQE_LAYOUT.map((f) => `${f.name}@${f.offset}:${f.kind}`).join(' ') === UNROLLED_LAYOUT;

// One DataView per buffer, not per record: the harness encodes thousands into the same buffer.
let lastOut: Uint8Array | null = null;
let lastView: DataView | null = null;
function viewOf(out: Uint8Array<ArrayBuffer>): DataView {
  if (out !== lastOut || !lastView) {
    lastOut = out;
    lastView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }
  return lastView;
}

/**
 * Writes a case as a 128-byte record into `out` at `offset` (a fresh buffer when `out` is not
 * given). Every byte of the record is written, reserved ones as zero, so a reused buffer never
 * leaks a previous case. Throws `encodeCase: ...` for a context value the record cannot hold.
 */
export function encodeCase(c: Case, out: Uint8Array<ArrayBuffer> = new Uint8Array(CASE_RECORD_SIZE), offset = 0): Uint8Array<ArrayBuffer> {
  if (offset < 0 || offset + CASE_RECORD_SIZE > out.length) {
    throw new Error(`encodeCase: no room for a ${CASE_RECORD_SIZE}-byte record at offset ${offset} of ${out.length} bytes`);
  }
  const view = viewOf(out);
  if (SQE_UNROLLED) writeSqeUnrolled(c.sqe, view, offset);
  else encodeSqe(c.sqe, out, offset);
  const ctx = c.ctx;
  // The DataView setters wrap silently, so a value out of range would travel as another value.
  checkRange('setupFlags', ctx.setupFlags, 0xffffffff);
  checkRange('nrBufs', ctx.nrBufs, 0xffffffff);
  checkRange('bufSize', ctx.bufSize, 0xffffffff);
  checkRange('personalities', ctx.personalities, 0xffff);
  view.setUint32(offset + L.setup_flags.offset, ctx.setupFlags >>> 0, true);
  view.setUint32(offset + L.nr_bufs.offset, ctx.nrBufs, true);
  view.setUint32(offset + L.buf_size.offset, ctx.bufSize, true);
  view.setUint16(offset + L.nr_personalities.offset, ctx.personalities, true);
  out.fill(0, offset + L.reserved1.offset, offset + CASE_RECORD_SIZE);
  const ops = ctx.ops;
  for (let i = 0; i < ops.length; i++) {
    const id = ops[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= OPS_SLOTS) throw new Error(`encodeCase: op id ${id} is outside 0..${OPS_SLOTS - 1}`);
    out[offset + L.ops.offset + (id >> 3)]! |= 1 << (id & 7);
  }
  return out;
}

function checkRange(key: keyof RingContext, v: number, max: number): void {
  // Written so that NaN fails too.
  if (!(Number.isInteger(v) && v >= 0 && v <= max)) throw new Error(`encodeCase: ctx.${key} = ${v} is outside 0..${max}`);
}

/**
 * Reads the 128-byte record at `offset` back into a case (ops ascending, as canonicalContext
 * orders them). Reserved bytes are ignored, as the protocol tells receivers to; the context is
 * not checked against RingContextSchema, so a record another tool wrote comes back as it is.
 */
export function decodeCase(bytes: Uint8Array, offset = 0): Case {
  if (offset < 0 || offset + CASE_RECORD_SIZE > bytes.length) {
    throw new Error(`decodeCase: no ${CASE_RECORD_SIZE}-byte record at offset ${offset} of ${bytes.length} bytes`);
  }
  const rec = bytes.subarray(offset, offset + CASE_RECORD_SIZE);
  const view = new DataView(rec.buffer, rec.byteOffset, CASE_RECORD_SIZE);
  const ops: number[] = [];
  for (let id = 0; id < OPS_SLOTS; id++) if ((rec[L.ops.offset + (id >> 3)]! >> (id & 7)) & 1) ops.push(id);
  return {
    sqe: decodeSqe(rec.subarray(0, SQE_SIZE)),
    ctx: {
      setupFlags: view.getUint32(L.setup_flags.offset, true),
      nrBufs: view.getUint32(L.nr_bufs.offset, true),
      bufSize: view.getUint32(L.buf_size.offset, true),
      ops,
      personalities: view.getUint16(L.nr_personalities.offset, true),
    },
  };
}
