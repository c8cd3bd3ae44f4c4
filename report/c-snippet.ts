/**
 * The SQE of a counterexample as C with plain field assignments, ready to paste into a kernel
 * selftest or a liburing test (fields named as in include/uapi/linux/io_uring.h).
 */
import { fromHex } from '../spec/hex.js';
import { decodeSqe } from '../spec/sqe.js';
import { SQE_LAYOUT, type Sqe } from '../spec/sqe-layout.js';
import { decodeBpfOpFlags } from '../spec/bpf-op-flags.js';
import { IORING_OP_BPF } from '../spec/constants.js';

/** What the snippet needs of a counterexample (counterexample.ts builds one; no import back). */
export interface SnippetInput {
  sqe: string;
  context: unknown;
  expected: { res: number; errno: string; rule?: string | null };
  actual: { res: number; errno: string };
}

/** C statements that build the counterexample's SQE and say what is expected. */
export function cSnippet(cx: SnippetInput): string {
  const sqe = decodeSqe(fromHex(cx.sqe, 64));
  const lines = ['struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);', 'memset(sqe, 0, sizeof(*sqe));', ...sqeAssignments(sqe)];
  lines.push(`/* ring: ${JSON.stringify(cx.context)} */`);
  lines.push(`/* expect cqe->res == ${cx.expected.res} (${cx.expected.errno}${cx.expected.rule ? `, ${cx.expected.rule}` : ''}); got ${cx.actual.res} (${cx.actual.errno}) */`);
  return lines.join('\n');
}

/** `sqe->field = value;` for every field of the SQE that is not zero. */
export function sqeAssignments(sqe: Sqe): string[] {
  const lines: string[] = [];
  for (const f of SQE_LAYOUT) {
    const v = (sqe as Record<string, number | bigint>)[f.name]!;
    if (v === 0 || v === 0n) continue;
    const cname = f.name === 'pad2' ? '__pad2[0]' : f.name === 'op_flags' ? (sqe.opcode === IORING_OP_BPF ? 'bpf_op_flags' : 'rw_flags') : f.name;
    const lit = typeof v === 'bigint' ? `0x${v.toString(16)}ULL` : f.kind === 's32' ? String(v) : `0x${(v >>> 0).toString(16)}`;
    let comment = '';
    if (f.name === 'op_flags' && sqe.opcode === IORING_OP_BPF) {
      const d = decodeBpfOpFlags(v as number);
      comment = ` /* IORING_BPF_OP_FLAGS(${d.op}, ${d.buf1_type}, ${d.buf2_type}, 0x${d.custom.toString(16)}) */`;
    }
    lines.push(`sqe->${cname} = ${lit};${comment}`);
  }
  return lines;
}
