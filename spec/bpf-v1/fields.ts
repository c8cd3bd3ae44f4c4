/**
 * Which SQE fields bpf@v1 reads, syzkaller-style: everything else is named as ignored, and a
 * property checks that rewriting an ignored field never changes the outcome.
 */
import { decodeBpfOpFlags, IORING_BPF_BUF_TYPE_FIXED, IORING_BPF_BUF_TYPE_PLAIN } from '../bpf-op-flags.js';
import type { Sqe, SqeFieldName } from '../sqe-layout.js';

/** Fields read whatever bpf_op_flags holds. */
const ALWAYS_READ: readonly SqeFieldName[] = ['opcode', 'flags', 'ioprio', 'personality', 'op_flags'];

/** The fields IORING_OP_BPF v1 reads for this SQE (depends on the buffer types). */
export function bpfFieldsRead(sqe: Sqe): Set<SqeFieldName> {
  const read = new Set<SqeFieldName>(ALWAYS_READ);
  const { buf1_type, buf2_type } = decodeBpfOpFlags(sqe.op_flags);
  if (buf1_type === IORING_BPF_BUF_TYPE_PLAIN || buf1_type === IORING_BPF_BUF_TYPE_FIXED) {
    read.add('addr');
    read.add('len');
  }
  if (buf1_type === IORING_BPF_BUF_TYPE_FIXED) read.add('buf_index');
  if (buf2_type === IORING_BPF_BUF_TYPE_PLAIN) {
    read.add('addr3');
    read.add('splice_fd_in'); // as optlen
  }
  return read;
}
