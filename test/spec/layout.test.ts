/**
 * The layout tables add up: the SQE table covers 64 bytes with no gap or overlap (the
 * `size_of::<Entry>() == 64` test of tokio-rs/io-uring), and bpf_op_flags covers 32 bits.
 * SPEC-NOTES sections 1 and 2.
 */
import { describe, expect, it } from 'vitest';
import {
  BPF_OP_FLAGS_LAYOUT,
  fieldMask,
  fieldValueMask,
  IORING_BPF_BUF_TYPE_MASK,
  IORING_BPF_CUSTOM_FLAGS_MASK,
} from '../../spec/bpf-op-flags.js';
import { INT_KINDS } from '../../spec/int-kinds.js';
import { SQE_FIELD_NAMES, SQE_LAYOUT, SQE_SIZE, zeroSqe } from '../../spec/sqe-layout.js';
import { encodeSqe } from '../../spec/sqe.js';

describe('SQE_LAYOUT', () => {
  it('an SQE is 64 bytes', () => {
    expect(SQE_SIZE).toBe(64);
    expect(encodeSqe(zeroSqe()).length).toBe(64);
  });

  it('offsets are sorted and the fields tile bytes 0..63 with no gap or overlap', () => {
    let next = 0;
    for (const f of SQE_LAYOUT) {
      expect(f.offset, `${f.name} starts where the previous field ends`).toBe(next);
      next = f.offset + INT_KINDS[f.kind].size;
    }
    expect(next).toBe(SQE_SIZE);
  });

  it('each byte belongs to exactly one field', () => {
    const owner: string[] = new Array(SQE_SIZE).fill('');
    for (const f of SQE_LAYOUT) {
      for (let b = f.offset; b < f.offset + INT_KINDS[f.kind].size; b++) {
        expect(owner[b], `byte ${b} claimed by ${owner[b]} and ${f.name}`).toBe('');
        owner[b] = f.name;
      }
    }
    expect(owner.filter((o) => o === '')).toEqual([]);
  });

  it('every field is naturally aligned, as in the C struct', () => {
    for (const f of SQE_LAYOUT) expect(f.offset % INT_KINDS[f.kind].size, f.name).toBe(0);
  });

  it('sizes of the kinds', () => {
    expect(Object.fromEntries(Object.entries(INT_KINDS).map(([k, v]) => [k, v.size]))).toEqual({ u8: 1, u16: 2, u32: 4, s32: 4, u64: 8 });
    expect(SQE_LAYOUT.reduce((n, f) => n + INT_KINDS[f.kind].size, 0)).toBe(64);
  });

  it('field offsets match SPEC-NOTES section 1', () => {
    expect(Object.fromEntries(SQE_LAYOUT.map((f) => [f.name, [f.offset, f.kind]]))).toEqual({
      opcode: [0, 'u8'],
      flags: [1, 'u8'],
      ioprio: [2, 'u16'],
      fd: [4, 's32'],
      off: [8, 'u64'],
      addr: [16, 'u64'],
      len: [24, 'u32'],
      op_flags: [28, 'u32'],
      user_data: [32, 'u64'],
      buf_index: [40, 'u16'],
      personality: [42, 'u16'],
      splice_fd_in: [44, 's32'],
      addr3: [48, 'u64'],
      pad2: [56, 'u64'],
    });
  });

  it('bpf_op_flags and optlen are aliases at offsets 28 and 44', () => {
    expect(SQE_LAYOUT.find((f) => (f.aliases as readonly string[]).includes('bpf_op_flags'))?.offset).toBe(28);
    expect(SQE_LAYOUT.find((f) => (f.aliases as readonly string[]).includes('optlen'))?.offset).toBe(44);
    expect(SQE_LAYOUT.find((f) => (f.aliases as readonly string[]).includes('optval'))?.offset).toBe(48);
  });

  it('names and aliases are unique', () => {
    const all = SQE_LAYOUT.flatMap((f) => [f.name, ...f.aliases]);
    expect(all.filter((n, i) => all.indexOf(n) !== i)).toEqual([]);
    expect(SQE_FIELD_NAMES).toEqual(SQE_LAYOUT.map((f) => f.name));
  });
});

describe('BPF_OP_FLAGS_LAYOUT', () => {
  it('widths sum to 32', () => {
    expect(BPF_OP_FLAGS_LAYOUT.reduce((n, f) => n + f.width, 0)).toBe(32);
  });

  it('fields are disjoint and cover every bit', () => {
    let seen = 0;
    for (const f of BPF_OP_FLAGS_LAYOUT) {
      const m = fieldMask(f.name);
      expect((seen & m) >>> 0, `${f.name} overlaps`).toBe(0);
      seen = (seen | m) >>> 0;
    }
    expect(seen).toBe(0xffffffff);
  });

  it('most significant field first, each starting where the next one ends', () => {
    let top = 32;
    for (const f of BPF_OP_FLAGS_LAYOUT) {
      expect(f.shift + f.width, f.name).toBe(top);
      top = f.shift;
    }
    expect(top).toBe(0);
  });

  it('shifts and widths match patch 4/5 (SPEC-NOTES section 2)', () => {
    expect(BPF_OP_FLAGS_LAYOUT.map((f) => [f.name, f.shift, f.width])).toEqual([
      ['op', 24, 8],
      ['buf1_type', 21, 3],
      ['buf2_type', 18, 3],
      ['custom', 0, 18],
    ]);
  });

  it('masks', () => {
    expect(IORING_BPF_CUSTOM_FLAGS_MASK).toBe(0x3ffff);
    expect(fieldMask('custom')).toBe(0x0003ffff);
    expect(fieldMask('op')).toBe(0xff000000);
    expect(fieldMask('buf1_type')).toBe(0x00e00000);
    expect(fieldMask('buf2_type')).toBe(0x001c0000);
    expect(fieldValueMask('op')).toBe(0xff);
    expect(fieldValueMask('buf1_type')).toBe(IORING_BPF_BUF_TYPE_MASK);
    expect(fieldValueMask('buf2_type')).toBe(7);
    expect(fieldValueMask('custom')).toBe(0x3ffff);
  });

  it('masks are unsigned 32-bit values (fieldMask(op) is not negative)', () => {
    for (const f of BPF_OP_FLAGS_LAYOUT) {
      const m = fieldMask(f.name);
      expect(Number.isInteger(m) && m > 0 && m <= 0xffffffff, f.name).toBe(true);
    }
  });
});
