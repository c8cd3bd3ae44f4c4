/**
 * The uring_bpf_data a successful V1 prep (patch 4/5, io_bpf_prep_buffers) leaves, from its table
 * of buffer sources: buffer 1 plain reads addr/len, fixed reads addr/len and buf_index (into
 * req->buf_index), buffer 2 plain reads addr3/optlen; a "none" buffer stays zero.
 */
import { decodeBpfOpFlags, IORING_BPF_BUF_TYPE_FIXED, IORING_BPF_BUF_TYPE_PLAIN } from '../bpf-op-flags.js';
import { optlen, type Sqe } from '../sqe-layout.js';
import type { UringBpfData } from './data.js';

/** The data of a request whose prep succeeded. */
export function v1PrepData(sqe: Sqe): UringBpfData {
  const { buf1_type, buf2_type } = decodeBpfOpFlags(sqe.op_flags);
  const buf1 = buf1_type === IORING_BPF_BUF_TYPE_PLAIN || buf1_type === IORING_BPF_BUF_TYPE_FIXED;
  return {
    opf: sqe.op_flags >>> 0,
    buf1_addr: buf1 ? sqe.addr : 0n,
    buf1_len: buf1 ? sqe.len : 0,
    buf2_addr: buf2_type === IORING_BPF_BUF_TYPE_PLAIN ? sqe.addr3 : 0n,
    buf2_len: buf2_type === IORING_BPF_BUF_TYPE_PLAIN ? optlen(sqe) : 0,
    buf_index: buf1_type === IORING_BPF_BUF_TYPE_FIXED ? sqe.buf_index : 0,
  };
}
