/**
 * Which SQE fields fixed-buf@6.15 reads, syzkaller-style: everything else is named as ignored,
 * and the ignored-fields property checks that rewriting an ignored field never changes the outcome.
 */
import { IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED } from '../constants.js';
import type { Sqe, SqeFieldName } from '../sqe-layout.js';

/** Read by every read/write op (io_init_req, __io_prep_rw, io_assign_file). */
const ALWAYS_READ: readonly SqeFieldName[] = ['opcode', 'flags', 'ioprio', 'fd', 'off', 'addr', 'len', 'op_flags', 'personality', 'pad2'];

/**
 * The fields a read/write op reads for this SQE. buf_index only matters to READ_FIXED and
 * WRITE_FIXED (plain READ/WRITE read it as buf_group, which only buffer selection uses, and no
 * context provides buffers). addr3 is attr_ptr, read only when attr_type_mask is the PI attribute,
 * which the spec leaves out. Bytes 44..47 hold write_stream: read into the kiocb, but only block
 * devices with write streams act on it, so on the scratch file it changes nothing (observed with
 * 1, 255 and 0xffffffff); the spec names it ignored. user_data is echoed, not interpreted.
 */
export function fixedBufFieldsRead(sqe: Sqe): Set<SqeFieldName> {
  const read = new Set<SqeFieldName>(ALWAYS_READ);
  if (sqe.opcode === IORING_OP_READ_FIXED || sqe.opcode === IORING_OP_WRITE_FIXED) read.add('buf_index');
  return read;
}
