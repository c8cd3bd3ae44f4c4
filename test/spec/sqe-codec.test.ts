/**
 * SQE codec vectors (test/vectors/sqe-codec.json), micro-packed style: each hex was written by hand
 * from the SPEC-NOTES section 1 offsets, and every vector is checked four ways (encode, decode,
 * decode(encode), encode(decode)) through both encodeSqe/decodeSqe and the zod codec; then the
 * values the codec and the schema must reject.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../spec/hex.js';
import { decodeSqe, encodeSqe, SqeSchema, sqeCodec, sqeFromHex, sqeToHex } from '../../spec/sqe.js';
import { SQE_LAYOUT, zeroSqe, type Sqe } from '../../spec/sqe-layout.js';

interface CodecVector {
  name: string;
  fields: Record<string, number | string>;
  hex: string;
}

const VECTORS: CodecVector[] = JSON.parse(readFileSync(new URL('../vectors/sqe-codec.json', import.meta.url), 'utf8'));

/** The vector's fields as an Sqe: u64 fields are written as decimal or 0x strings in the JSON. */
function fieldsOf(v: CodecVector): Sqe {
  const keys = Object.keys(v.fields).sort();
  const names = SQE_LAYOUT.map((f) => f.name as string).sort();
  if (keys.join() !== names.join()) throw new Error(`sqe-codec vector '${v.name}': fields must be exactly ${names.join(', ')}`);
  const sqe: Record<string, number | bigint> = {};
  for (const f of SQE_LAYOUT) {
    const raw = v.fields[f.name]!;
    if (f.kind === 'u64') {
      if (typeof raw !== 'string') throw new Error(`sqe-codec vector '${v.name}': ${f.name} is u64, write it as a string`);
      sqe[f.name] = BigInt(raw);
    } else {
      if (typeof raw !== 'number') throw new Error(`sqe-codec vector '${v.name}': ${f.name} is ${f.kind}, write it as a number`);
      sqe[f.name] = raw;
    }
  }
  return sqe as Sqe;
}

/** 64 bytes from hex, as the Uint8Array<ArrayBuffer> the zod codec's input type asks for. */
function bytesOf(hex: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(fromHex(hex, 64));
}

const ROWS = VECTORS.map((v) => [v.name, v] as const);

describe('SQE codec vectors', () => {
  it('the table has at least 6 vectors of 128 hex digits', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(6);
    for (const v of VECTORS) expect(v.hex, v.name).toMatch(/^[0-9a-f]{128}$/);
  });

  describe.each(ROWS)('%s', (_name, v) => {
    const fields = fieldsOf(v);

    it('encodeSqe / decodeSqe, four ways', () => {
      expect(toHex(encodeSqe(fields))).toBe(v.hex);
      expect(decodeSqe(bytesOf(v.hex))).toEqual(fields);
      expect(decodeSqe(encodeSqe(fields))).toEqual(fields);
      expect(toHex(encodeSqe(decodeSqe(bytesOf(v.hex))))).toBe(v.hex);
    });

    it('sqeCodec (zod), four ways', () => {
      expect(toHex(sqeCodec.encode(fields))).toBe(v.hex);
      expect(sqeCodec.decode(bytesOf(v.hex))).toEqual(fields);
      expect(sqeCodec.decode(sqeCodec.encode(fields))).toEqual(fields);
      expect(toHex(sqeCodec.encode(sqeCodec.decode(bytesOf(v.hex))))).toBe(v.hex);
    });

    it('sqeToHex / sqeFromHex agree', () => {
      expect(sqeToHex(fields)).toBe(v.hex);
      expect(sqeFromHex(v.hex)).toEqual(fields);
      expect(sqeFromHex(v.hex.toUpperCase())).toEqual(fields);
    });

    it('the decoded SQE satisfies SqeSchema', () => {
      expect(SqeSchema.safeParse(fields).success).toBe(true);
    });
  });

  it('encodeSqe writes at an offset into a larger buffer and leaves the rest alone', () => {
    const v = VECTORS.find((x) => x.hex.startsWith('010203'))!;
    const out = new Uint8Array(64 * 3).fill(0xee);
    encodeSqe(fieldsOf(v), out, 64);
    expect(toHex(out.subarray(64, 128))).toBe(v.hex);
    expect(out.subarray(0, 64).every((b) => b === 0xee)).toBe(true);
    expect(out.subarray(128).every((b) => b === 0xee)).toBe(true);
  });
});

describe('SQE values that must be rejected', () => {
  const ok = '00'.repeat(64);

  it.each([
    ['127 hex digits', ok.slice(1), /expected 128 hex digits/],
    ['129 hex digits', `${ok}0`, /expected 128 hex digits/],
    ['126 hex digits', ok.slice(2), /expected 128 hex digits/],
    ['empty', '', /expected 128 hex digits/],
    ['non-hex digit', `g${ok.slice(1)}`, /not hex/],
    ['a minus sign', `-${ok.slice(1)}`, /not hex/],
  ])('sqeFromHex rejects %s', (_what, hex, message) => {
    expect(() => sqeFromHex(hex)).toThrow(message);
  });

  it('sqeFromHex error messages start with the thing decoded', () => {
    expect(() => sqeFromHex('00')).toThrow(/^sqe: /);
  });

  it('decodeSqe and sqeCodec.decode reject 63 and 65 bytes', () => {
    for (const n of [0, 63, 65]) {
      expect(() => decodeSqe(new Uint8Array(n))).toThrow(/^decodeSqe: expected 64 bytes/);
      expect(sqeCodec.safeDecode(new Uint8Array(n)).success).toBe(false);
    }
  });

  const bad: [string, Record<string, unknown>][] = [
    ['opcode 256', { opcode: 256 }],
    ['opcode -1', { opcode: -1 }],
    ['flags 256', { flags: 256 }],
    ['ioprio 65536', { ioprio: 0x10000 }],
    ['fd 2^31', { fd: 2 ** 31 }],
    ['fd -2^31 - 1', { fd: -(2 ** 31) - 1 }],
    ['fd 1.5', { fd: 1.5 }],
    ['len 2^32', { len: 2 ** 32 }],
    ['op_flags -1', { op_flags: -1 }],
    ['buf_index 65536', { buf_index: 0x10000 }],
    ['personality NaN', { personality: Number.NaN }],
    ['splice_fd_in 2^31 (u32 view must be written as s32)', { splice_fd_in: 2 ** 31 }],
    ['u64 -1n', { off: -1n }],
    ['u64 2^64', { addr: 2n ** 64n }],
    ['a number where bigint is expected', { user_data: 0 }],
    ['a bigint where number is expected', { opcode: 65n }],
    ['a string', { addr3: '0' }],
    ['an unknown key', { bpf_op_flags: 0 }],
  ];

  it.each(bad)('SqeSchema rejects %s', (_what, patch) => {
    const sqe = { ...zeroSqe(), ...patch };
    expect(SqeSchema.safeParse(sqe).success).toBe(false);
    expect(sqeCodec.safeEncode(sqe as Sqe).success).toBe(false);
  });

  it('SqeSchema rejects a missing field', () => {
    const { pad2: _pad2, ...rest } = zeroSqe();
    expect(SqeSchema.safeParse(rest).success).toBe(false);
  });

  it('SqeSchema accepts each kind at both ends of its range', () => {
    const ends: Record<string, unknown>[] = [
      { opcode: 255, flags: 255, ioprio: 0xffff, fd: -(2 ** 31), len: 0xffffffff, op_flags: 0xffffffff },
      { fd: 2 ** 31 - 1, buf_index: 0xffff, personality: 0xffff, splice_fd_in: -(2 ** 31) },
      { off: 2n ** 64n - 1n, addr: 0n, user_data: 2n ** 64n - 1n, addr3: 2n ** 63n, pad2: 2n ** 64n - 1n },
    ];
    for (const e of ends) expect(SqeSchema.safeParse({ ...zeroSqe(), ...e }).success, JSON.stringify(e, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))).toBe(true);
  });
});
