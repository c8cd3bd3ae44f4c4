import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CASE_RECORD_SIZE, decodeCase, encodeCase, SQE_UNROLLED } from '../../backends/exec/case-record.js';
import type { Case } from '../../properties/case.js';
import { INT_KINDS } from '../../spec/int-kinds.js';
import { encodeSqe } from '../../spec/sqe.js';
import { SQE_LAYOUT, zeroSqe, type Sqe } from '../../spec/sqe-layout.js';
import { fromHex, toHex } from '../../spec/hex.js';

const hex = (s: string): string => s.replace(/\s+/g, '');

/** Known answers, hex computed by hand from docs/exec-protocol.md. */
const VECTORS: { name: string; c: Case; hex: string }[] = [
  {
    // The worked example of docs/exec-protocol.md, byte for byte.
    name: 'worked example: IORING_OP_BPF op 3, buffer 1 plain, ring with IORING_SETUP_BPF',
    c: {
      sqe: { ...zeroSqe(), opcode: 0x41, addr: 0x1000n, len: 16, op_flags: 0x03200000 },
      ctx: { setupFlags: 1 << 20, nrBufs: 0, bufSize: 0, ops: [3], personalities: 0 },
    },
    hex: `41000000 00000000 00000000 00000000 00100000 00000000 10000000 00002003
          00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
          00001000 00000000 00000000 00000000 08000000 00000000 00000000 00000000
          00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000`,
  },
  {
    name: 'every field nonzero; negative fd and splice_fd_in; ops at both ends of the bitmap',
    c: {
      sqe: {
        opcode: 0x41, flags: 0x40, ioprio: 0x0102, fd: -1, off: 0x1122334455667788n, addr: 0x200000100010n, len: 0x20,
        op_flags: 0x03400000, user_data: 0xfedcba9876543210n, buf_index: 1, personality: 2, splice_fd_in: -2, addr3: 0x0102030405060708n,
        pad2: 0x8000000000000001n,
      },
      ctx: { setupFlags: 0x00100001, nrBufs: 2, bufSize: 0x1000, ops: [0, 7, 8, 255], personalities: 3 },
    },
    hex: `41400201 ffffffff 88776655 44332211 10001000 00200000 20000000 00004003
          10325476 98badcfe 01000200 feffffff 08070605 04030201 01000000 00000080
          01001000 02000000 00100000 03000000 81010000 00000000 00000000 00000000
          00000000 00000000 00000000 00000080 00000000 00000000 00000000 00000000`,
  },
];

describe('case record codec', () => {
  for (const v of VECTORS) {
    test(`${v.name}: encode, decode, both round trips`, () => {
      const bytes = fromHex(hex(v.hex), CASE_RECORD_SIZE);
      expect(toHex(encodeCase(v.c))).toBe(hex(v.hex));
      expect(decodeCase(bytes)).toEqual(v.c);
      expect(decodeCase(encodeCase(v.c))).toEqual(v.c);
      expect(toHex(encodeCase(decodeCase(bytes)))).toBe(hex(v.hex));
    });
  }

  test('encodes at an offset into a reused buffer, writing every byte of the record', () => {
    const buf = new Uint8Array(4 + 2 * CASE_RECORD_SIZE).fill(0xff);
    encodeCase(VECTORS[1]!.c, buf, 4);
    encodeCase(VECTORS[0]!.c, buf, 4 + CASE_RECORD_SIZE);
    expect(toHex(buf.subarray(0, 4))).toBe('ffffffff');
    expect(toHex(buf.subarray(4, 4 + CASE_RECORD_SIZE))).toBe(hex(VECTORS[1]!.hex));
    expect(toHex(buf.subarray(4 + CASE_RECORD_SIZE))).toBe(hex(VECTORS[0]!.hex));
    expect(decodeCase(buf, 4 + CASE_RECORD_SIZE)).toEqual(VECTORS[0]!.c);
  });

  test('decode ignores the reserved bytes and sorts ops', () => {
    const bytes = fromHex(hex(VECTORS[0]!.hex), CASE_RECORD_SIZE);
    bytes[78] = 0xaa;
    bytes[127] = 0x55;
    bytes[80] = 0x0a; // ops 1 and 3
    expect(decodeCase(bytes).ctx.ops).toEqual([1, 3]);
  });

  const base = VECTORS[0]!.c;
  const rejected: [string, Case, RegExp][] = [
    ['op id 256', { ...base, ctx: { ...base.ctx, ops: [256] } }, /^encodeCase: op id 256 is outside 0\.\.255/],
    ['op id -1', { ...base, ctx: { ...base.ctx, ops: [-1] } }, /^encodeCase: op id -1/],
    ['personalities 0x10000', { ...base, ctx: { ...base.ctx, personalities: 0x10000 } }, /^encodeCase: ctx\.personalities = 65536/],
    ['negative nrBufs', { ...base, ctx: { ...base.ctx, nrBufs: -1 } }, /^encodeCase: ctx\.nrBufs = -1/],
    ['fractional bufSize', { ...base, ctx: { ...base.ctx, bufSize: 1.5 } }, /^encodeCase: ctx\.bufSize = 1\.5/],
  ];
  for (const [name, c, msg] of rejected) {
    test(`rejects ${name}`, () => {
      expect(() => encodeCase(c)).toThrow(msg);
    });
  }

  test('rejects a buffer with no room and a short record', () => {
    expect(() => encodeCase(base, new Uint8Array(100))).toThrow(/^encodeCase: no room/);
    expect(() => decodeCase(new Uint8Array(127))).toThrow(/^decodeCase: no 128-byte record/);
  });

  test('the unrolled SQE writer is in use and agrees with encodeSqe byte for byte', () => {
    expect(SQE_UNROLLED).toBe(true);
    const field = (kind: keyof typeof INT_KINDS): fc.Arbitrary<number | bigint> => {
      const k = INT_KINDS[kind];
      return kind === 'u64' ? fc.bigInt(k.min as bigint, k.max as bigint) : fc.integer({ min: k.min as number, max: k.max as number });
    };
    const sqeArb = fc.record(Object.fromEntries(SQE_LAYOUT.map((f) => [f.name, field(f.kind)]))) as unknown as fc.Arbitrary<Sqe>;
    fc.assert(
      fc.property(sqeArb, (sqe) => {
        const rec = encodeCase({ sqe, ctx: base.ctx });
        expect(toHex(rec.subarray(0, 64))).toBe(toHex(encodeSqe(sqe)));
      }),
      { numRuns: 500 },
    );
  });
});
