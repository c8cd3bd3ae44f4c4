/**
 * Which SQE fields nop@6.18 reads, syzkaller-style: everything else is named as ignored, and the
 * ignored-fields property checks that rewriting an ignored field never changes the outcome.
 */
import { IORING_NOP_CQE32, IORING_NOP_FILE, IORING_NOP_FIXED_BUFFER, IORING_NOP_INJECT_RESULT } from '../mainline-constants.js';
import type { Sqe, SqeFieldName } from '../sqe-layout.js';

/** Read for every NOP: io_init_req's fields and nop_flags. */
const ALWAYS_READ: readonly SqeFieldName[] = ['opcode', 'flags', 'ioprio', 'personality', 'op_flags'];

/**
 * The fields IORING_OP_NOP reads for this SQE: len with INJECT_RESULT, fd with FILE, buf_index
 * with FIXED_BUFFER, and off/addr with CQE32 (they become the big CQE's extra1/extra2, which res
 * does not show, but they are read). user_data is echoed, not interpreted; splice_fd_in, addr3
 * and __pad2 are never looked at.
 */
export function nopFieldsRead(sqe: Sqe): Set<SqeFieldName> {
  const read = new Set<SqeFieldName>(ALWAYS_READ);
  const f = sqe.op_flags >>> 0;
  if (f & IORING_NOP_INJECT_RESULT) read.add('len');
  if (f & IORING_NOP_FILE) read.add('fd');
  if (f & IORING_NOP_FIXED_BUFFER) read.add('buf_index');
  if (f & IORING_NOP_CQE32) {
    read.add('off');
    read.add('addr');
  }
  return read;
}
