/**
 * IORING_BPF_OP_FLAGS as the C macro of patch 4/5 computes it, and decodeBpfOpFlags, as
 * hand-computed vector tables (SPEC-NOTES section 2):
 *   (op << 24) | ((buf1 & 7) << 21) | ((buf2 & 7) << 18) | (flags & 0x3ffff), as a u32.
 */
import { describe, expect, it } from 'vitest';
import { decodeBpfOpFlags, encodeBpfOpFlags, IORING_BPF_OP_FLAGS, type BpfOpFlags } from '../../spec/bpf-op-flags.js';

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** [op, buf1_type, buf2_type, flags, expected u32, why]. */
const ENCODE: [number, number, number, number, number, string][] = [
  [0, 0, 0, 0, 0x00000000, 'all zero'],
  [3, 1, 0, 0, 0x03200000, 'op 3, buffer 1 plain'],
  [3, 2, 1, 0, 0x03440000, 'op 3, buffer 1 fixed, buffer 2 plain'],
  [255, 7, 7, 0x3ffff, 0xffffffff, 'every field at its maximum'],
  [127, 0, 0, 0, 0x7f000000, 'op 127'],
  [128, 0, 0, 0, 0x80000000, 'op 128 stays positive: 2147483648'],
  [0x80, 2, 1, 0, 0x80440000, 'op 128 does not smear into the buffer fields'],
  [256, 0, 0, 0, 0x00000000, 'op 256: bit 32 is lost in the u32'],
  [0x1ff, 2, 1, 1, 0xff440001, 'op 0x1ff keeps its low 8 bits'],
  [0xffffffff, 0, 0, 0, 0xff000000, 'op 0xffffffff: only bits 0-7 survive the shift'],
  [1, 8, 0, 0, 0x01000000, 'buffer 1 type 8 is masked to 0'],
  [0, 9, 0, 0, 0x00200000, 'buffer 1 type 9 is masked to 1'],
  [0, 0, 15, 0, 0x001c0000, 'buffer 2 type 15 is masked to 7'],
  [0, -1, 0, 0, 0x00e00000, 'buffer 1 type -1 & 7 = 7'],
  [0, 0, 1, 0x40000, 0x00040000, 'flag bit 18 is masked off, leaving buffer 2 plain'],
  [0, 0, 0, 0x20000, 0x00020000, 'custom bit 17'],
  [0, 0, 0, 1, 0x00000001, 'custom bit 0'],
  [0, 0, 0, 0xffffffff, 0x0003ffff, 'flags masked to 18 bits'],
  [0, 0, 0, -1, 0x0003ffff, 'flags -1 (an int) masked to 18 bits'],
  [0, 0, 0, -0x80000000, 0x00000000, 'flags INT_MIN has no bit in 17-0'],
];

describe('IORING_BPF_OP_FLAGS (the C macro)', () => {
  it.each(ENCODE.map(([op, b1, b2, fl, want, why]) => [`(${op}, ${b1}, ${b2}, ${hex(fl >>> 0)}) = ${hex(want)}: ${why}`, op, b1, b2, fl, want] as const))(
    '%s',
    (_name, op, b1, b2, fl, want) => {
      const got = IORING_BPF_OP_FLAGS(op, b1, b2, fl);
      expect(hex(got)).toBe(hex(want));
      expect(got).toBe(want);
      expect(got).toBeGreaterThanOrEqual(0);
    },
  );

  it('(128, 0, 0, 0) is the positive number 2147483648', () => {
    expect(IORING_BPF_OP_FLAGS(128, 0, 0, 0)).toBe(2147483648);
  });

  it('(0x1ff, 2, 1, 1) is 4282646529', () => {
    expect(IORING_BPF_OP_FLAGS(0x1ff, 2, 1, 1)).toBe(4282646529);
  });

  const args = ['op', 'buf1_type', 'buf2_type', 'flags'] as const;
  const badValues = [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 32, -(2 ** 31) - 1, 2 ** 53];
  it.each(args.flatMap((name, i) => badValues.map((v) => [name, String(v), i, v] as const)))(
    'throws RangeError for %s = %s',
    (name, _shown, i, v) => {
      const a = [0, 0, 0, 0];
      a[i] = v;
      expect(() => IORING_BPF_OP_FLAGS(a[0]!, a[1]!, a[2]!, a[3]!)).toThrow(RangeError);
      expect(() => IORING_BPF_OP_FLAGS(a[0]!, a[1]!, a[2]!, a[3]!)).toThrow(new RegExp(`^IORING_BPF_OP_FLAGS: ${name} `));
    },
  );

  it('accepts the ends of the 32-bit argument range', () => {
    expect(() => IORING_BPF_OP_FLAGS(0, 0, 0, 0xffffffff)).not.toThrow();
    expect(() => IORING_BPF_OP_FLAGS(0, 0, 0, -0x80000000)).not.toThrow();
  });
});

/** [u32, expected fields]. */
const DECODE: [number, BpfOpFlags][] = [
  [0x00000000, { op: 0, buf1_type: 0, buf2_type: 0, custom: 0 }],
  [0x03200000, { op: 3, buf1_type: 1, buf2_type: 0, custom: 0 }],
  [0x03440000, { op: 3, buf1_type: 2, buf2_type: 1, custom: 0 }],
  [0xffffffff, { op: 255, buf1_type: 7, buf2_type: 7, custom: 0x3ffff }],
  [0x80000000, { op: 128, buf1_type: 0, buf2_type: 0, custom: 0 }],
  [0x7f000000, { op: 127, buf1_type: 0, buf2_type: 0, custom: 0 }],
  [0x01000000, { op: 1, buf1_type: 0, buf2_type: 0, custom: 0 }],
  [0x00e00000, { op: 0, buf1_type: 7, buf2_type: 0, custom: 0 }],
  [0x00800000, { op: 0, buf1_type: 4, buf2_type: 0, custom: 0 }],
  [0x00200000, { op: 0, buf1_type: 1, buf2_type: 0, custom: 0 }],
  [0x001c0000, { op: 0, buf1_type: 0, buf2_type: 7, custom: 0 }],
  [0x00100000, { op: 0, buf1_type: 0, buf2_type: 4, custom: 0 }],
  [0x00040000, { op: 0, buf1_type: 0, buf2_type: 1, custom: 0 }],
  [0x00020000, { op: 0, buf1_type: 0, buf2_type: 0, custom: 0x20000 }],
  [0x0003ffff, { op: 0, buf1_type: 0, buf2_type: 0, custom: 0x3ffff }],
  [0xff440001, { op: 255, buf1_type: 2, buf2_type: 1, custom: 1 }],
  [0x036c0005, { op: 3, buf1_type: 3, buf2_type: 3, custom: 5 }],
];

describe('decodeBpfOpFlags / encodeBpfOpFlags', () => {
  it.each(DECODE.map(([v, f]) => [hex(v), v, f] as const))('%s', (_name, v, f) => {
    expect(decodeBpfOpFlags(v)).toEqual(f);
    expect(encodeBpfOpFlags(f)).toBe(v);
    expect(encodeBpfOpFlags(decodeBpfOpFlags(v))).toBe(v);
    expect(decodeBpfOpFlags(encodeBpfOpFlags(f))).toEqual(f);
  });

  it('reads a negative int32 as its u32 bits', () => {
    expect(decodeBpfOpFlags(-1)).toEqual({ op: 255, buf1_type: 7, buf2_type: 7, custom: 0x3ffff });
    expect(decodeBpfOpFlags(0x80000000 | 0)).toEqual({ op: 128, buf1_type: 0, buf2_type: 0, custom: 0 });
  });
});
