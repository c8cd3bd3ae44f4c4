/**
 * The SQE as a zod schema and a zod codec between its 64 bytes and the typed object, both derived
 * from SQE_LAYOUT. Encoding writes every field of the table, so a field the table forgets cannot
 * silently keep a stale value.
 */
import { z } from 'zod';
import { INT_KINDS, type IntKind } from './int-kinds.js';
import { fromHex, toHex } from './hex.js';
import { SQE_LAYOUT, SQE_SIZE, type Sqe } from './sqe-layout.js';

function kindSchema(kind: IntKind): z.ZodType<number | bigint> {
  const k = INT_KINDS[kind];
  if (kind === 'u64') return z.bigint().min(k.min as bigint).max(k.max as bigint);
  return z.number().int().min(k.min as number).max(k.max as number);
}

/** The typed SQE: every field present, each within its kind's range; unknown keys rejected. */
export const SqeSchema = z.strictObject(
  Object.fromEntries(SQE_LAYOUT.map((f) => [f.name, kindSchema(f.kind)])),
) as unknown as z.ZodType<Sqe>;

/** Decodes 64 little-endian bytes into an SQE. */
export function decodeSqe(bytes: Uint8Array): Sqe {
  if (bytes.length !== SQE_SIZE) throw new Error(`decodeSqe: expected ${SQE_SIZE} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sqe: Record<string, number | bigint> = {};
  for (const f of SQE_LAYOUT) sqe[f.name] = INT_KINDS[f.kind].read(view, f.offset);
  return sqe as Sqe;
}

/** Encodes an SQE into 64 little-endian bytes (into `out` at `offset` when given). */
export function encodeSqe(sqe: Sqe, out: Uint8Array<ArrayBuffer> = new Uint8Array(SQE_SIZE), offset = 0): Uint8Array<ArrayBuffer> {
  const view = new DataView(out.buffer, out.byteOffset + offset, SQE_SIZE);
  for (const f of SQE_LAYOUT) INT_KINDS[f.kind].write(view, f.offset, (sqe as Record<string, number | bigint>)[f.name]!);
  return out;
}

/** The 64 bytes of an SQE, exactly. */
export const SqeBytesSchema = z
  .instanceof(Uint8Array)
  .refine((b) => b.length === SQE_SIZE, { message: `an SQE is ${SQE_SIZE} bytes` });

/** zod codec: 64 bytes <-> typed SQE. `sqeCodec.decode(bytes)`, `sqeCodec.encode(sqe)`. */
export const sqeCodec = z.codec(SqeBytesSchema, SqeSchema, {
  decode: (bytes) => decodeSqe(bytes),
  encode: (sqe) => encodeSqe(sqe as Sqe) as Uint8Array<ArrayBuffer>,
});

/** The SQE as 128 hex digits. */
export function sqeToHex(sqe: Sqe): string {
  return toHex(encodeSqe(sqe));
}

/** The SQE in 128 hex digits; throws a message naming the problem for malformed hex. */
export function sqeFromHex(hex: string): Sqe {
  return decodeSqe(fromHex(hex, SQE_SIZE, 'sqe'));
}
