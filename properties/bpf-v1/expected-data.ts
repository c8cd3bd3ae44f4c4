/**
 * The uring_bpf_data a valid request must produce, written straight from the patch's table of
 * buffer sources (not from the model), so the valid-combinations property checks the model too.
 */
import { decodeBpfOpFlags } from '../../spec/bpf-op-flags.js';
import type { UringBpfData } from '../../spec/bpf-v1/data.js';
import { optlen, type Sqe } from '../../spec/sqe-layout.js';

/** Buffer 1 plain: addr/len; fixed: addr/len/buf_index; buffer 2 plain: addr3/optlen; none: zeros. */
export function expectedBpfData(sqe: Sqe): UringBpfData {
  const { buf1_type, buf2_type } = decodeBpfOpFlags(sqe.op_flags);
  const buf1 = buf1_type === 1 || buf1_type === 2;
  return {
    opf: sqe.op_flags >>> 0,
    buf1_addr: buf1 ? sqe.addr : 0n,
    buf1_len: buf1 ? sqe.len : 0,
    buf2_addr: buf2_type === 1 ? sqe.addr3 : 0n,
    buf2_len: buf2_type === 1 ? optlen(sqe) : 0,
    buf_index: buf1_type === 2 ? sqe.buf_index : 0,
  };
}
