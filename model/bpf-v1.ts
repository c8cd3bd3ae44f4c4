/**
 * The reference model of bpf@v1: the generic layer, then io_uring_bpf_prep with
 * io_bpf_prep_buffers, in the kernel's order; the first failing rule decides.
 * Pure: (SQE, ring context) -> outcome with rule id and the uring_bpf_data the program would see.
 */
import { decodeBpfOpFlags, IORING_BPF_BUF_TYPE_FIXED, IORING_BPF_BUF_TYPE_NONE, IORING_BPF_BUF_TYPE_PLAIN } from '../spec/bpf-op-flags.js';
import { BPF_OP_DEF, BPF_V1, BPF_V1_OP_LAST } from '../spec/bpf-v1/rules.js';
import type { UringBpfData } from '../spec/bpf-v1/data.js';
import { IORING_OP_BPF, IORING_SETUP_BPF } from '../spec/constants.js';
import type { RingContext } from '../spec/context.js';
import { optlen, type Sqe } from '../spec/sqe-layout.js';
import { genericCheck } from './generic-layer.js';
import type { ModelOutcome } from './outcome.js';
import { verdict } from './verdict.js';

/** Opcodes below IORING_OP_BPF are other ops whose semantics bpf@v1 does not describe. */
export function bpfV1Domain(sqe: Sqe): string | null {
  if (sqe.opcode === IORING_OP_BPF || sqe.opcode >= BPF_V1_OP_LAST) return null;
  return `opcode ${sqe.opcode} is outside bpf@v1, which describes IORING_OP_BPF (${IORING_OP_BPF}) and invalid opcodes (>= ${BPF_V1_OP_LAST})`;
}

/** Buffer 1: the rule it breaks, or the fields it fills. */
function prepBuf1(sqe: Sqe, ctx: RingContext, type: number, data: UringBpfData): string | null {
  if (type === IORING_BPF_BUF_TYPE_PLAIN) {
    data.buf1_addr = sqe.addr;
    data.buf1_len = sqe.len;
    return null;
  }
  if (type === IORING_BPF_BUF_TYPE_FIXED) {
    // sqe.addr is an absolute user address for user fixed buffers (review, Caleb Sander Mateos);
    // prep stores it unchecked: only the table size and the index are validated here.
    data.buf_index = sqe.buf_index;
    data.buf1_addr = sqe.addr;
    data.buf1_len = sqe.len;
    if (ctx.nrBufs === 0) return 'bpf.buf1.fixed.empty-table';
    if (sqe.buf_index >= ctx.nrBufs) return 'bpf.buf1.fixed.index-out-of-range';
    return null;
  }
  if (type === IORING_BPF_BUF_TYPE_NONE) return null; // data stays zero
  return 'bpf.buf1.type.reserved';
}

/** Buffer 2 can only be none or plain: io_uring handles one fixed buffer per request. */
function prepBuf2(sqe: Sqe, type: number, data: UringBpfData): string | null {
  if (type === IORING_BPF_BUF_TYPE_PLAIN) {
    data.buf2_addr = sqe.addr3;
    data.buf2_len = optlen(sqe);
    return null;
  }
  if (type === IORING_BPF_BUF_TYPE_NONE) return null;
  return type === IORING_BPF_BUF_TYPE_FIXED ? 'bpf.buf2.type.fixed' : 'bpf.buf2.type.reserved';
}

/** The bpf@v1 outcome of one SQE in one ring context. */
export function bpfV1Model(sqe: Sqe, ctx: RingContext): ModelOutcome {
  const generic = genericCheck(sqe, ctx, BPF_V1_OP_LAST, () => BPF_OP_DEF);
  if (generic) return verdict(BPF_V1, generic, sqe);

  if (!(ctx.setupFlags & IORING_SETUP_BPF)) return verdict(BPF_V1, 'bpf.setup.missing', sqe);
  const f = decodeBpfOpFlags(sqe.op_flags);
  if (f.custom !== 0) return verdict(BPF_V1, 'bpf.custom-flags.set', sqe);

  const data: UringBpfData = { opf: sqe.op_flags >>> 0, buf1_addr: 0n, buf1_len: 0, buf2_addr: 0n, buf2_len: 0, buf_index: 0 };
  const buf = prepBuf1(sqe, ctx, f.buf1_type, data) ?? prepBuf2(sqe, f.buf2_type, data);
  if (buf) return verdict(BPF_V1, buf, sqe);

  if (!ctx.ops.includes(f.op)) return verdict(BPF_V1, 'bpf.op.unregistered', sqe);
  return verdict(BPF_V1, 'bpf.prep.ok', sqe, 0, data);
}
