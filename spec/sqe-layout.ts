/**
 * The 64-byte `struct io_uring_sqe` as the kernel reads it (little-endian), as a table.
 * Each union is named after its first kernel member; the other members this project speaks of
 * are listed as aliases. The codec, the zod schema, the generators' field lists and the docs
 * are derived from this table; test/spec/layout.test.ts checks that it covers 64 bytes.
 * Source: include/uapi/linux/io_uring.h (SPEC-NOTES section 1).
 */
import type { IntKind, IntValue } from './int-kinds.js';

/** One field of the SQE layout. */
export interface SqeFieldDef {
  readonly name: string;
  readonly offset: number;
  readonly kind: IntKind;
  readonly aliases: readonly string[];
}

/** Size of one submission queue entry in bytes. */
export const SQE_SIZE = 64;

/** The SQE, field by field, in offset order. */
export const SQE_LAYOUT = [
  { name: 'opcode', offset: 0, kind: 'u8', aliases: [] },
  { name: 'flags', offset: 1, kind: 'u8', aliases: [] },
  { name: 'ioprio', offset: 2, kind: 'u16', aliases: [] },
  { name: 'fd', offset: 4, kind: 's32', aliases: [] },
  { name: 'off', offset: 8, kind: 'u64', aliases: ['addr2'] },
  { name: 'addr', offset: 16, kind: 'u64', aliases: ['splice_off_in'] },
  { name: 'len', offset: 24, kind: 'u32', aliases: [] },
  { name: 'op_flags', offset: 28, kind: 'u32', aliases: ['rw_flags', 'nop_flags', 'bpf_op_flags'] },
  { name: 'user_data', offset: 32, kind: 'u64', aliases: [] },
  { name: 'buf_index', offset: 40, kind: 'u16', aliases: ['buf_group'] },
  { name: 'personality', offset: 42, kind: 'u16', aliases: [] },
  { name: 'splice_fd_in', offset: 44, kind: 's32', aliases: ['file_index', 'optlen', 'addr_len'] },
  { name: 'addr3', offset: 48, kind: 'u64', aliases: ['optval'] },
  { name: 'pad2', offset: 56, kind: 'u64', aliases: ['__pad2[0]', 'attr_type_mask'] },
] as const satisfies readonly SqeFieldDef[];

/** The name of an SQE field. */
export type SqeFieldName = (typeof SQE_LAYOUT)[number]['name'];

type KindOf<N extends SqeFieldName> = Extract<(typeof SQE_LAYOUT)[number], { name: N }>['kind'];

/** A decoded SQE: 64-bit fields are bigint, the others number. */
export type Sqe = { [N in SqeFieldName]: IntValue<KindOf<N>> };

/** The names of the SQE fields, in offset order. */
export const SQE_FIELD_NAMES: readonly SqeFieldName[] = SQE_LAYOUT.map((f) => f.name);

/** An all-zero SQE: the starting point of every builder, so a forgotten field stays visibly zero. */
export function zeroSqe(): Sqe {
  const sqe: Record<string, number | bigint> = {};
  for (const f of SQE_LAYOUT) sqe[f.name] = f.kind === 'u64' ? 0n : 0;
  return sqe as Sqe;
}

/** `optlen` is the u32 view of the union at offset 44 (the table's first member is s32 splice_fd_in). */
export function optlen(sqe: Sqe): number {
  return sqe.splice_fd_in >>> 0;
}
