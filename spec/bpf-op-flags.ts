/**
 * `bpf_op_flags`, the u32 at SQE offset 28 for IORING_OP_BPF, as a bit-layout table
 * (patch 4/5 of the 2025-11 series, SPEC-NOTES section 2). Masks, decode, the encoder and the
 * generators' boundary values derive from the table; a test checks the widths sum to 32.
 */

/** One bit field of bpf_op_flags. */
export interface BitFieldDef {
  readonly name: string;
  readonly shift: number;
  readonly width: number;
  readonly doc: string;
}

/** bpf_op_flags, most significant field first. */
export const BPF_OP_FLAGS_LAYOUT = [
  { name: 'op', shift: 24, width: 8, doc: 'BPF op id (0-255, unsigned): slot in the 256-entry ops table (IORING_BPF_OP_SHIFT)' },
  { name: 'buf1_type', shift: 21, width: 3, doc: 'buffer 1 type: 0 none, 1 plain, 2 fixed, 3-7 reserved (IORING_BPF_BUF1_TYPE_SHIFT)' },
  { name: 'buf2_type', shift: 18, width: 3, doc: 'buffer 2 type: 0 none, 1 plain, 2-7 rejected (IORING_BPF_BUF2_TYPE_SHIFT)' },
  { name: 'custom', shift: 0, width: 18, doc: '"custom flags": documented as available to BPF programs, yet v1 prep rejects any set bit (IORING_BPF_CUSTOM_FLAGS_MASK)' },
] as const satisfies readonly BitFieldDef[];

/** The name of a bpf_op_flags field. */
export type BpfOpFlagsField = (typeof BPF_OP_FLAGS_LAYOUT)[number]['name'];

/** bpf_op_flags split into its fields. */
export type BpfOpFlags = { [K in BpfOpFlagsField]: number };

/** Buffer types (IORING_BPF_BUF_TYPE_*). */
export const IORING_BPF_BUF_TYPE_NONE = 0;
export const IORING_BPF_BUF_TYPE_PLAIN = 1;
export const IORING_BPF_BUF_TYPE_FIXED = 2;
/** The 3-bit type mask (IORING_BPF_BUF_TYPE_MASK). */
export const IORING_BPF_BUF_TYPE_MASK = 7;

// Derived once from the table: the hot paths (decode, the encoder) run per generated case.
const DERIVED = BPF_OP_FLAGS_LAYOUT.map((f) => ({ name: f.name, shift: f.shift, valueMask: 2 ** f.width - 1 }));
const BY_NAME = new Map(DERIVED.map((f) => [f.name, f]));

function fieldDef(name: BpfOpFlagsField): BitFieldDef {
  return BPF_OP_FLAGS_LAYOUT.find((f) => f.name === name)!;
}

/** The unmasked-value mask of a field, e.g. (1 << 18) - 1 for custom. */
export function fieldValueMask(name: BpfOpFlagsField): number {
  return BY_NAME.get(name)!.valueMask;
}

/** The field's mask in position, as an unsigned 32-bit number. */
export function fieldMask(name: BpfOpFlagsField): number {
  const f = fieldDef(name);
  return (fieldValueMask(name) * 2 ** f.shift) >>> 0;
}

/** IORING_BPF_CUSTOM_FLAGS_MASK: ((1U << 18) - 1). */
export const IORING_BPF_CUSTOM_FLAGS_MASK = fieldMask('custom');

/** Splits a bpf_op_flags value into its fields (the value is read as u32). */
export function decodeBpfOpFlags(value: number): BpfOpFlags {
  const v = value >>> 0;
  const out: Record<string, number> = {};
  for (const f of DERIVED) out[f.name] = (v >>> f.shift) & f.valueMask;
  return out as BpfOpFlags;
}

/**
 * Exactly the C macro `IORING_BPF_OP_FLAGS(op, buf1_type, buf2_type, flags)`:
 * `(op << 24) | ((buf1 & 7) << 21) | ((buf2 & 7) << 18) | (flags & ((1U << 18) - 1))`.
 * op is not masked by the macro, but bits shifted past bit 31 are lost in the u32; the result is
 * always unsigned, so op >= 128 never turns negative. Arguments must be integers that fit a
 * C int or unsigned (the macro's operand types).
 */
export function IORING_BPF_OP_FLAGS(op: number, buf1Type: number, buf2Type: number, flags: number): number {
  for (const [name, v] of [['op', op], ['buf1_type', buf1Type], ['buf2_type', buf2Type], ['flags', flags]] as const) {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) {
      throw new RangeError(`IORING_BPF_OP_FLAGS: ${name} must be a 32-bit integer, got ${v}`);
    }
  }
  const args: Record<BpfOpFlagsField, number> = { op, buf1_type: buf1Type, buf2_type: buf2Type, custom: flags };
  let word = 0;
  // op is unmasked in the macro, but shifting it left by 24 in 32 bits drops exactly what a mask
  // to 8 bits would, so every field can be masked to its width
  for (const f of DERIVED) word = (word | ((args[f.name] & f.valueMask) << f.shift)) >>> 0;
  return word;
}

/** Inverse of decodeBpfOpFlags for in-range fields. */
export function encodeBpfOpFlags(f: BpfOpFlags): number {
  return IORING_BPF_OP_FLAGS(f.op, f.buf1_type, f.buf2_type, f.custom);
}
