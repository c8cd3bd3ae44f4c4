/**
 * fixed-buf@6.15: READ_FIXED (4) and WRITE_FIXED (5), which since Linux 6.15 import their
 * registered buffer at issue time, beside plain READ (22) and WRITE (23), all on the exec
 * protocol's scratch file (fd 100, 65536 bytes). The generic layer is 6.18's (nop@6.18), since
 * that is the kernel every rule was checked on (6.18.44: kernel-6.18-observed b.* and c.*, and the
 * cases in test/vectors/fixed-buf-6.15.json).
 *
 * The order is the kernel's: io_init_req; rw prep (ioprio, attr_type_mask); at issue the file
 * (io_assign_file), then the buffer (READ_FIXED/WRITE_FIXED import, READ's buffer selection),
 * then io_rw_init_file (rw_flags, IOPOLL, HIPRI), then the transfer.
 */
import { IORING_OP_READ, IORING_OP_READ_FIXED, IORING_OP_WRITE, IORING_OP_WRITE_FIXED } from '../constants.js';
import { GENERIC_6_18, genericRules, type GenericRuleId, type OpDef } from '../generic-layer.js';
import { OBSERVED_6_18 } from '../nop-6.18/rules.js';
import type { MainlineVersion } from '../mainline-version.js';
import type { Rule, RuleIds, SpecDefinition } from '../rule.js';

/** io_uring/rw.c: io_prep_rw, __io_prep_rw, io_read(_fixed), io_write(_fixed), io_rw_init_file. */
export const RW_C = 'io_uring/rw.c (Linux 6.15+: fixed buffers imported at issue by io_init_rw_fixed)';
/** io_import_reg_buf / validate_fixed_range, io_uring/rsrc.c. */
export const RSRC_C = 'io_import_reg_buf, io_uring/rsrc.c (Linux 6.15+)';

/**
 * io_issue_defs of the four ops as far as the generic layer asks: all read ioprio and support
 * iopoll; of them only READ supports IOSQE_BUFFER_SELECT.
 */
export const RW_OP_DEFS: Readonly<Record<number, OpDef>> = {
  [IORING_OP_READ_FIXED]: { name: 'READ_FIXED', bufferSelect: false, ioprio: true, iopoll: true },
  [IORING_OP_WRITE_FIXED]: { name: 'WRITE_FIXED', bufferSelect: false, ioprio: true, iopoll: true },
  [IORING_OP_READ]: { name: 'READ', bufferSelect: true, ioprio: true, iopoll: true },
  [IORING_OP_WRITE]: { name: 'WRITE', bufferSelect: false, ioprio: true, iopoll: true },
};

/** The spec's opcodes, in number order. */
export const FIXED_BUF_OPCODES = [IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED, IORING_OP_READ, IORING_OP_WRITE] as const;

/** The rw ops' rules, in check order after the generic layer (shared by every fixed-buf version that did not change them). */
export const RW_RULES = [
  {
    id: 'rw.ioprio.invalid',
    errno: 'EINVAL',
    order: 10,
    summary: 'ioprio that ioprio_check_cap refuses: class 4-7, or class 0 (none) with a level (bits 0-2); the hint bits 3-12 are free. The generic layer lets rw ops through: they read ioprio',
    source: `__io_prep_rw, ${RW_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.ioprio=class7`,
  },
  {
    id: 'rw.attr.unsupported',
    errno: 'EINVAL',
    order: 11,
    summary: 'attr_type_mask (bytes 56..63, __pad2[0]) other than 0 or IORING_RW_ATTR_FLAG_PI (1); the PI attribute itself is not modelled',
    source: `__io_prep_rw, ${RW_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.pad2=0x80`,
  },
  {
    id: 'rw.import.bad-address',
    errno: 'EFAULT',
    order: 12,
    summary:
      'plain READ/WRITE (no IOSQE_BUFFER_SELECT): prep imports the user buffer (import_ubuf), and access_ok refuses [addr, addr + len) past the top of the user address range (USER_PTR_MAX: 0x7ffffffff000 on x86-64 with 4-level page tables; 5-level paging moves it to 0xfffffffffff000, which this spec does not describe); len 0 included. After ioprio and attr_type_mask, before the file lookup',
    source: `io_prep_rw / io_rw_do_import, ${RW_C}; import_ubuf, lib/iov_iter.c; access_ok / valid_user_address, arch/x86/include/asm/uaccess_64.h; observed on Linux 6.18.44 (kernel backend: READ/WRITE len 0 at 0x7ffffffff000 -> 0, 0x7ffffffff001, 0x800000000000, 1 << 63 -> -EFAULT; before fd 99999 -> -EBADF, after ioprio class 4 -> -EINVAL; BUFFER_SELECT skips it)`,
  },
  {
    id: 'rw.file.fixed-no-table',
    errno: 'EBADF',
    order: 13,
    summary: 'IOSQE_FIXED_FILE: sqe.fd indexes the fixed-file table, and no context registers files; the file is looked up at issue, after every prep check and before the buffer',
    source: `io_assign_file, io_uring/io_uring.c; ${OBSERVED_6_18}: c.READ.FIXED_FILE.nofiles`,
  },
  { id: 'rw.file.not-open', errno: 'EBADF', order: 13, summary: 'sqe.fd is not an open descriptor (only the scratch file, fd 100, is)', source: `io_assign_file, io_uring/io_uring.c; ${OBSERVED_6_18}: b.READ_FIXED.bufs.fd=-1, c.READ.fd=9999` },
  {
    id: 'rw.read.buffer-select.no-buffers',
    errno: 'ENOBUFS',
    order: 14,
    summary: 'READ with IOSQE_BUFFER_SELECT: the op supports it, but no context provides buffers to the group, so the selection at issue fails (after the file, before rw_flags)',
    source: `__io_read, ${RW_C}; ${OBSERVED_6_18}: c.READ.BUFFER_SELECT.bgid=0`,
  },
  { id: 'fixed.import.empty-table', errno: 'EFAULT', order: 14, summary: 'READ_FIXED/WRITE_FIXED and no buffers registered (imported at issue since 6.15)', source: `${RSRC_C}; ${OBSERVED_6_18}: b.READ_FIXED.nobufs.bi=0` },
  { id: 'fixed.import.index-out-of-range', errno: 'EFAULT', order: 14, summary: 'READ_FIXED/WRITE_FIXED and buf_index >= the number of registered buffers (bpf@v1 says -EINVAL at prep instead)', source: `${RSRC_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.bi=2` },
  {
    id: 'fixed.import.outside-buffer',
    errno: 'EFAULT',
    order: 14,
    summary: '[addr, addr + len) not inside registered buffer buf_index (addr below its start, the end past its end, or addr + len overflowing); len 0 at either end of the buffer is inside',
    source: `validate_fixed_range, ${RSRC_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.addr-1, .addr+100.len=3997, .addr=end.len=0`,
  },
  { id: 'rw.flags.unknown', errno: 'EOPNOTSUPP', order: 15, summary: 'an rw_flags bit outside RWF_SUPPORTED (bits 9-31 on 6.18; bit 8 is RWF_NOSIGNAL)', source: `kiocb_set_rw_flags via io_rw_init_file, ${RW_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.rw_flags=0x80000000` },
  {
    id: 'rw.iopoll.buffered-file',
    errno: 'EOPNOTSUPP',
    order: 16,
    summary: 'an IORING_SETUP_IOPOLL ring: the ops pass io_init_req (they support iopoll) but the scratch file is not O_DIRECT, so io_rw_init_file refuses it (RWF_HIPRI or not)',
    source: `io_rw_init_file, ${RW_C}; ${OBSERVED_6_18}`,
  },
  { id: 'rw.flags.hipri-no-iopoll', errno: 'EINVAL', order: 17, summary: 'RWF_HIPRI on a ring without IORING_SETUP_IOPOLL', source: `io_rw_init_file, ${RW_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.rw_flags=HIPRI` },
  {
    id: 'fixed.read.ok',
    errno: 'OK',
    order: 18,
    summary: 'READ_FIXED transfers min(len, max(0, 65536 - off)) bytes of the scratch file into the registered buffer; a short read (at or across EOF) counts as a failure for CQE_SKIP_SUCCESS and is posted',
    source: `${RW_C}; ${OBSERVED_6_18}: b.READ_FIXED.bufs.bi=0, .off=100000`,
  },
  { id: 'fixed.write.ok', errno: 'OK', order: 18, summary: 'WRITE_FIXED writes len bytes at off (the file grows past 65536; the adapter restores it)', source: `${RW_C}; ${OBSERVED_6_18}: b.WRITE_FIXED.bufs.bi=0, .off=100000` },
  { id: 'rw.read.ok', errno: 'OK', order: 18, summary: 'READ transfers min(len, max(0, 65536 - off)) bytes (off = -1: at the file position, 0 when a case starts); buf_index is not looked at; a short read is posted despite CQE_SKIP_SUCCESS', source: `${RW_C}; ${OBSERVED_6_18}: c.READ.bi=65535` },
  { id: 'rw.write.ok', errno: 'OK', order: 18, summary: 'WRITE writes len bytes at off; buf_index is not looked at', source: `${RW_C}; ${OBSERVED_6_18}: c.WRITE.bi=65535` },
] as const satisfies readonly Rule[];

/** A rule id of a fixed-buf spec (the generic layer's and the rw ops'). */
export type FixedBufRuleId = GenericRuleId | RuleIds<typeof RW_RULES>;

/** The fixed-buf@6.15 spec: the 6.18 generic layer, then rw prep and issue, in check order. */
export const FIXED_BUF_6_15: SpecDefinition<FixedBufRuleId> = {
  id: 'fixed-buf@6.15',
  title: 'READ_FIXED / WRITE_FIXED buffer import (Linux 6.15+) and plain READ / WRITE, on the scratch file',
  description:
    'READ_FIXED (4), WRITE_FIXED (5), READ (22), WRITE (23) on the scratch file (fd 100): generic layer, ioprio, attr_type_mask, file lookup, registered-buffer import (table, index, range; -EFAULT at issue), READ buffer selection, rw_flags, IOPOLL, HIPRI, bytes transferred.',
  opcodes: [...FIXED_BUF_OPCODES],
  rules: [...genericRules(GENERIC_6_18, Object.values(RW_OP_DEFS)), ...RW_RULES],
};

/** fixed-buf@6.15 as data: the 6.18 generic layer and the four rw ops. */
export const FIXED_BUF_6_15_VERSION: MainlineVersion<FixedBufRuleId> = { definition: FIXED_BUF_6_15, layer: GENERIC_6_18, ops: RW_OP_DEFS };
