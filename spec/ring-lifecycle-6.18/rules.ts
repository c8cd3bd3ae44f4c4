/**
 * ring-lifecycle@6.18: what io_uring_register does to one ring's buffer table, file table and
 * personalities on Linux 6.18, and what submissions on that ring then find there. A stateful spec
 * (docs/stateful.md): every step's result depends on the steps before it.
 *
 * Register steps: REGISTER_BUFFERS / BUFFERS2 (sparse tables, tags), UNREGISTER_BUFFERS,
 * BUFFERS_UPDATE (slot ranges, partial updates), REGISTER_FILES / FILES2, UNREGISTER_FILES,
 * FILES_UPDATE / FILES_UPDATE2 (-1 empties a slot, -2 skips it), REGISTER_PERSONALITY /
 * UNREGISTER_PERSONALITY (cyclic ids). Submit steps: IORING_OP_NOP with IORING_NOP_FILE /
 * FIXED_FILE / FIXED_BUFFER and READ_FIXED / WRITE_FIXED on the scratch file, through the 6.18
 * generic io_init_req layer (spec/generic-layer.ts), whose personality check now asks the ring's
 * registered ids.
 *
 * Orders: 1-7 the generic layer of a submission; 10-51 the register opcodes, each opcode's checks
 * in the kernel's order (the families are disjoint: one step runs one of them); 60-65 a
 * submission's op. Per-slot checks of a table (orders 18-19, 28, 39-40, 44-45) run slot by slot:
 * the first slot that fails decides, so a later slot's check can win over an earlier order.
 * Every rule was checked on the live 6.18.44 kernel (the kernel adapter's run_sequence, with the
 * sequences of test/vectors/ring-lifecycle-6.18.json, and scripts/fuzz-kernel-sequences.mjs).
 */
import { IORING_OP_NOP, IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED } from '../constants.js';
import { RW_OP_DEFS } from '../fixed-buf-6.15/rules.js';
import { GENERIC_6_18, genericRules, type GenericRuleId } from '../generic-layer.js';
import { NOP_OP_DEF } from '../nop-6.18/rules.js';
import type { Rule, RuleIds, SpecDefinition } from '../rule.js';

/** Where every rule was checked. */
export const OBSERVED_SEQ_6_18 = 'observed on Linux 6.18.44 (kernel adapter run_sequence: test/vectors/ring-lifecycle-6.18.json, scripts/fuzz-kernel-sequences.mjs)';
const RSRC = 'Linux 6.18 io_uring/rsrc.c';
const REGISTER = 'Linux 6.18 io_uring/register.c';

const REGISTER_RULES = [
  // io_register_rsrc: REGISTER_FILES2 (13), REGISTER_BUFFERS2 (15)
  { id: 'rsrc-register.size', errno: 'EINVAL', order: 10, summary: 'FILES2 / BUFFERS2: nr_args is not sizeof(struct io_uring_rsrc_register) (32)', source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-register.fault', errno: 'EFAULT', order: 11, summary: 'FILES2 / BUFFERS2: arg is NULL, the struct cannot be copied', source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-register.nr-zero', errno: 'EINVAL', order: 12, summary: 'FILES2 / BUFFERS2: rr.nr is 0', source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-register.resv2', errno: 'EINVAL', order: 12, summary: 'FILES2 / BUFFERS2: rr.resv2 is not 0', source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-register.flags', errno: 'EINVAL', order: 13, summary: 'FILES2 / BUFFERS2: rr.flags has a bit other than IORING_RSRC_REGISTER_SPARSE', source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'rsrc-register.sparse-with-data',
    errno: 'EINVAL',
    order: 14,
    summary: 'FILES2 / BUFFERS2: IORING_RSRC_REGISTER_SPARSE with rr.data set (a sparse table takes no entries; without the flag, data NULL gives a sparse table too)',
    source: `${RSRC} io_register_rsrc; ${OBSERVED_SEQ_6_18}`,
  },

  // io_sqe_buffers_register: REGISTER_BUFFERS (0), REGISTER_BUFFERS2 (15)
  { id: 'buffers.register.null-arg', errno: 'EFAULT', order: 15, summary: 'REGISTER_BUFFERS with arg NULL (checked before the table)', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.register.busy', errno: 'EBUSY', order: 16, summary: 'a buffer table is registered already (sparse or not); before nr_args is looked at', source: `${RSRC} io_sqe_buffers_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.register.nr-invalid', errno: 'EINVAL', order: 17, summary: 'the table size is 0 or above IORING_MAX_REG_BUFFERS (16384)', source: `${RSRC} io_sqe_buffers_register; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'buffers.register.null-with-len',
    errno: 'EFAULT',
    order: 18,
    summary: 'a slot\'s iovec has iov_base NULL and iov_len != 0 (NULL with 0 is an empty slot); the registration fails whole and leaves no table',
    source: `${RSRC} io_sqe_buffers_register / io_sqe_buffer_register; ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'buffers.register.zero-len', errno: 'EFAULT', order: 18, summary: 'a slot\'s iovec has a base and iov_len 0; no table is left', source: `${RSRC} io_sqe_buffer_register (buffer validation); ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.register.unmapped', errno: 'EFAULT', order: 18, summary: 'a slot\'s iovec names memory that is not mapped (the pages cannot be pinned); no table is left', source: `${RSRC} io_sqe_buffer_register, io_pin_pages (io_uring/memmap.c); ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.register.tag-without-buffer', errno: 'EINVAL', order: 19, summary: 'a non-zero tag on an empty slot (iovec NULL, 0); checked after the slot\'s iovec; no table is left', source: `${RSRC} io_sqe_buffers_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.register.ok', errno: 'OK', order: 20, summary: 'res 0: a table of nr slots, slot i the buffer of entry i (canonical buffer, iov_len, tag) or empty', source: `${RSRC} io_sqe_buffers_register; ${OBSERVED_SEQ_6_18}` },

  // UNREGISTER_BUFFERS (1)
  { id: 'buffers.unregister.args', errno: 'EINVAL', order: 21, summary: 'UNREGISTER_BUFFERS with arg != NULL or nr_args != 0', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.unregister.no-table', errno: 'ENXIO', order: 22, summary: 'UNREGISTER_BUFFERS and no buffer table is registered', source: `${RSRC} io_sqe_buffers_unregister; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.unregister.ok', errno: 'OK', order: 23, summary: 'res 0: the table is gone (lookups fail, a new table may be registered)', source: `${RSRC} io_sqe_buffers_unregister; ${OBSERVED_SEQ_6_18}` },

  // io_sqe_files_register: REGISTER_FILES (2), REGISTER_FILES2 (13)
  { id: 'files.register.null-arg', errno: 'EFAULT', order: 24, summary: 'REGISTER_FILES with arg NULL (checked before the table)', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.busy', errno: 'EBUSY', order: 25, summary: 'a file table is registered already; before nr_args is looked at', source: `${RSRC} io_sqe_files_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.nr-zero', errno: 'EINVAL', order: 26, summary: 'REGISTER_FILES with nr_args 0', source: `${RSRC} io_sqe_files_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.too-many', errno: 'EMFILE', order: 27, summary: 'the table size is above IORING_MAX_FIXED_FILES (1 << 20)', source: `${RSRC} io_sqe_files_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.tag-without-file', errno: 'EINVAL', order: 28, summary: 'a non-zero tag on an empty slot (fd -1, or no fd array); no table is left', source: `${RSRC} io_sqe_files_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.fd-not-open', errno: 'EBADF', order: 28, summary: 'a slot\'s fd is not open (-2 included: FILES_SKIP means nothing here); no table is left', source: `${RSRC} io_sqe_files_register (fget); ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.fd-io-uring', errno: 'EBADF', order: 28, summary: 'a slot\'s fd is an io_uring instance (this ring or another); no table is left', source: `${RSRC} io_sqe_files_register (io_is_uring_fops); ${OBSERVED_SEQ_6_18}` },
  { id: 'files.register.ok', errno: 'OK', order: 29, summary: 'res 0: a table of nr slots, slot i the file of entry i (with its tag) or empty', source: `${RSRC} io_sqe_files_register; ${OBSERVED_SEQ_6_18}` },

  // UNREGISTER_FILES (3)
  { id: 'files.unregister.args', errno: 'EINVAL', order: 30, summary: 'UNREGISTER_FILES with arg != NULL or nr_args != 0', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.unregister.no-table', errno: 'ENXIO', order: 31, summary: 'UNREGISTER_FILES and no file table is registered', source: `${RSRC} io_sqe_files_unregister; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.unregister.ok', errno: 'OK', order: 32, summary: 'res 0: the file table is gone', source: `${RSRC} io_sqe_files_unregister; ${OBSERVED_SEQ_6_18}` },

  // io_register_files_update (6), io_register_rsrc_update (14, 16), __io_register_rsrc_update
  { id: 'rsrc-update.size', errno: 'EINVAL', order: 33, summary: 'FILES_UPDATE2 / BUFFERS_UPDATE: nr_args is not sizeof(struct io_uring_rsrc_update2) (32)', source: `${RSRC} io_register_rsrc_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-update.nr-args-zero', errno: 'EINVAL', order: 33, summary: 'FILES_UPDATE with nr_args 0 (checked before the struct is read)', source: `${RSRC} io_register_files_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-update.fault', errno: 'EFAULT', order: 34, summary: 'arg is NULL, the update struct cannot be copied', source: `${RSRC} io_register_files_update / io_register_rsrc_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-update.nr-zero', errno: 'EINVAL', order: 35, summary: 'FILES_UPDATE2 / BUFFERS_UPDATE: up.nr is 0', source: `${RSRC} io_register_rsrc_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-update.resv', errno: 'EINVAL', order: 35, summary: 'up.resv is not 0, or (FILES_UPDATE2 / BUFFERS_UPDATE) up.resv2 is not 0; FILES_UPDATE reads no resv2', source: `${RSRC} io_register_files_update / io_register_rsrc_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'rsrc-update.overflow', errno: 'EOVERFLOW', order: 36, summary: 'offset + nr overflows a u32; checked before the table is looked at', source: `${RSRC} __io_register_rsrc_update; ${OBSERVED_SEQ_6_18}` },

  // __io_sqe_buffers_update: BUFFERS_UPDATE (16)
  { id: 'buffers.update.no-table', errno: 'ENXIO', order: 37, summary: 'BUFFERS_UPDATE and no buffer table is registered', source: `${RSRC} __io_sqe_buffers_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.out-of-range', errno: 'EINVAL', order: 38, summary: 'offset + nr is beyond the table (slot range check, before any slot changes)', source: `${RSRC} __io_sqe_buffers_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.data-fault', errno: 'EFAULT', order: 39, summary: 'up.data is NULL: the first iovec cannot be read, nothing changes', source: `${RSRC} __io_sqe_buffers_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.null-with-len', errno: 'EFAULT', order: 39, summary: 'the first slot updated has iov_base NULL and iov_len != 0 (a later one: a partial update)', source: `${RSRC} __io_sqe_buffers_update / io_sqe_buffer_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.zero-len', errno: 'EFAULT', order: 39, summary: 'the first slot updated has a base and iov_len 0', source: `${RSRC} __io_sqe_buffers_update / io_sqe_buffer_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.unmapped', errno: 'EFAULT', order: 39, summary: 'the first slot updated names unmapped memory', source: `${RSRC} __io_sqe_buffers_update / io_sqe_buffer_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffers.update.tag-without-buffer', errno: 'EINVAL', order: 40, summary: 'the first slot updated empties its slot (NULL, 0) with a non-zero tag; the slot is left as it was', source: `${RSRC} __io_sqe_buffers_update; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'buffers.update.partial',
    errno: 'OK',
    order: 41,
    summary: 'a slot after the first fails: res is the number of slots updated before it, which keep their new buffers; the failing slot and those after it are left as they were',
    source: `${RSRC} __io_sqe_buffers_update (done ? done : err); ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'buffers.update.ok', errno: 'OK', order: 41, summary: 'res nr: slot offset + i holds entry i (a buffer, or empty for iovec NULL, 0); the old buffers are released', source: `${RSRC} __io_sqe_buffers_update; ${OBSERVED_SEQ_6_18}` },

  // __io_sqe_files_update: FILES_UPDATE (6), FILES_UPDATE2 (14)
  { id: 'files.update.no-table', errno: 'ENXIO', order: 42, summary: 'FILES_UPDATE(2) and no file table is registered', source: `${RSRC} __io_sqe_files_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.update.out-of-range', errno: 'EINVAL', order: 43, summary: 'offset + nr is beyond the table', source: `${RSRC} __io_sqe_files_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.update.data-fault', errno: 'EFAULT', order: 44, summary: 'up.data is NULL: the first fd cannot be read, nothing changes', source: `${RSRC} __io_sqe_files_update; ${OBSERVED_SEQ_6_18}` },
  { id: 'files.update.tag-without-file', errno: 'EINVAL', order: 44, summary: 'the first slot updated has fd -1 or -2 (IORING_REGISTER_FILES_SKIP) with a non-zero tag; the slot is left as it was', source: `${RSRC} __io_sqe_files_update; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'files.update.fd-not-open',
    errno: 'EBADF',
    order: 45,
    summary: 'the first slot updated names an fd that is not open: its slot is emptied first, so the old file is gone although the call fails',
    source: `${RSRC} __io_sqe_files_update (io_reset_rsrc_node before fget); ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'files.update.fd-io-uring', errno: 'EBADF', order: 45, summary: 'the first slot updated names an io_uring instance: its slot is emptied, then refused', source: `${RSRC} __io_sqe_files_update (io_is_uring_fops); ${OBSERVED_SEQ_6_18}` },
  {
    id: 'files.update.partial',
    errno: 'OK',
    order: 46,
    summary: 'a slot after the first fails: res is the number of slots done before it; a failing fd (not open, io_uring) has emptied its own slot too',
    source: `${RSRC} __io_sqe_files_update (done ? done : err); ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'files.update.ok', errno: 'OK', order: 46, summary: 'res nr: fd -2 leaves its slot, -1 empties it, an open file replaces it', source: `${RSRC} __io_sqe_files_update; ${OBSERVED_SEQ_6_18}` },

  // REGISTER_PERSONALITY (9), UNREGISTER_PERSONALITY (10)
  { id: 'personality.register.args', errno: 'EINVAL', order: 47, summary: 'REGISTER_PERSONALITY with arg != NULL or nr_args != 0', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'personality.register.ok',
    errno: 'OK',
    order: 48,
    summary: 'res is the new id: ids are cyclic from 1 (the first free id from the one after the last handed out, wrapping at 65535), so an unregistered id is not reused until the ids wrap',
    source: `${REGISTER} io_register_personality (xa_alloc_cyclic, XA_LIMIT(0, USHRT_MAX); ctx->personalities is XA_FLAGS_ALLOC1, io_uring/io_uring.c io_ring_ctx_alloc); ${OBSERVED_SEQ_6_18}: 1, 2, 3, unregister 2, then 4`,
  },
  { id: 'personality.unregister.arg', errno: 'EINVAL', order: 49, summary: 'UNREGISTER_PERSONALITY with arg != NULL (nr_args is the id)', source: `${REGISTER} __io_uring_register; ${OBSERVED_SEQ_6_18}` },
  { id: 'personality.unregister.unknown', errno: 'EINVAL', order: 50, summary: 'UNREGISTER_PERSONALITY of an id that is not registered (0 and ids above 65535 included)', source: `${REGISTER} io_unregister_personality; ${OBSERVED_SEQ_6_18}` },
  { id: 'personality.unregister.ok', errno: 'OK', order: 51, summary: 'res 0: the id no longer names a personality (a submission with it fails)', source: `${REGISTER} io_unregister_personality; ${OBSERVED_SEQ_6_18}` },
] as const satisfies readonly Rule[];

const FILE_LOOKUP = 'Linux 6.18 io_uring/io_uring.c io_file_get_fixed (from io_assign_file for READ/WRITE_FIXED, from io_nop, io_uring/nop.c, for NOP)';
const BUF_LOOKUP = 'Linux 6.18 io_uring/rsrc.c io_find_buf_node (from io_nop for NOP, io_import_reg_buf for READ/WRITE_FIXED)';

const SUBMIT_RULES = [
  { id: 'nop.flags.undefined', errno: 'EINVAL', order: 60, summary: 'NOP: a nop_flags bit outside NOP_FLAGS (bits 6-31)', source: `Linux 6.18 io_uring/nop.c io_nop_prep; ${OBSERVED_SEQ_6_18}` },
  { id: 'file.fixed.no-table', errno: 'EBADF', order: 61, summary: 'a fixed file (NOP with IORING_NOP_FILE and NOP_FIXED_FILE or IOSQE_FIXED_FILE; READ/WRITE_FIXED with IOSQE_FIXED_FILE) and no file table', source: `${FILE_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  { id: 'file.fixed.index-out-of-range', errno: 'EBADF', order: 61, summary: 'a fixed file and sqe.fd (as an unsigned index) is not below the table size', source: `${FILE_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  { id: 'file.fixed.empty-slot', errno: 'EBADF', order: 61, summary: 'a fixed file and slot sqe.fd is empty (sparse, emptied by an update, or left by a failed one)', source: `${FILE_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  { id: 'file.not-open', errno: 'EBADF', order: 61, summary: 'a normal file (NOP with IORING_NOP_FILE, READ/WRITE_FIXED without IOSQE_FIXED_FILE) and sqe.fd is not open', source: `Linux 6.18 io_uring/io_uring.c io_file_get_normal; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffer.fixed.no-table', errno: 'EFAULT', order: 62, summary: 'NOP with IORING_NOP_FIXED_BUFFER, or READ/WRITE_FIXED, and no buffer table (after the file)', source: `${BUF_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffer.fixed.index-out-of-range', errno: 'EFAULT', order: 62, summary: 'buf_index is not below the table size', source: `${BUF_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  { id: 'buffer.fixed.empty-slot', errno: 'EFAULT', order: 62, summary: 'slot buf_index is empty (sparse, or emptied by an update)', source: `${BUF_LOOKUP}; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'buffer.fixed.outside',
    errno: 'EFAULT',
    order: 63,
    summary: 'READ/WRITE_FIXED: [addr, addr + len) is not inside the buffer in slot buf_index (its own canonical address and iov_len), or addr + len overflows; NOP looks at no range',
    source: `${RSRC} validate_fixed_range via io_import_fixed; ${OBSERVED_SEQ_6_18}`,
  },
  {
    id: 'rw.iopoll.buffered-file',
    errno: 'EOPNOTSUPP',
    order: 64,
    summary: 'READ/WRITE_FIXED on an IORING_SETUP_IOPOLL ring: the scratch file is not O_DIRECT; after the file and the buffer',
    source: `Linux 6.18 io_uring/rw.c io_rw_init_file; ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'nop.inject-result', errno: 'OK', order: 65, summary: 'NOP with IORING_NOP_INJECT_RESULT and every lookup found: res is (s32)sqe.len', source: `Linux 6.18 io_uring/nop.c io_nop; ${OBSERVED_SEQ_6_18}` },
  { id: 'nop.complete', errno: 'OK', order: 65, summary: 'NOP completes with res 0 (its file and buffer, when asked for, were found)', source: `Linux 6.18 io_uring/nop.c io_nop; ${OBSERVED_SEQ_6_18}` },
  {
    id: 'rw.read-fixed.ok',
    errno: 'OK',
    order: 65,
    summary: 'READ_FIXED reads min(len, max(0, size - off)) bytes, size being the scratch file\'s size now (65536 grown by earlier writes in the sequence)',
    source: `Linux 6.18 io_uring/rw.c io_read_fixed; ${OBSERVED_SEQ_6_18}`,
  },
  { id: 'rw.write-fixed.ok', errno: 'OK', order: 65, summary: 'WRITE_FIXED writes len bytes at off; the scratch file grows to off + len when that is past its end', source: `Linux 6.18 io_uring/rw.c io_write_fixed; ${OBSERVED_SEQ_6_18}` },
] as const satisfies readonly Rule[];

/** The generic checks a submission of this spec can fail: no DRAIN or CQE_SKIP_SUCCESS here (domain), so no drain rule. */
const GENERIC = genericRules(GENERIC_6_18, [NOP_OP_DEF, RW_OP_DEFS[IORING_OP_READ_FIXED]!, RW_OP_DEFS[IORING_OP_WRITE_FIXED]!]).filter((r) => r.id !== 'generic.drain.skip-success');

/** A ring-lifecycle@6.18 rule id. */
export type RingLifecycle618RuleId = Exclude<GenericRuleId, 'generic.drain.skip-success' | 'generic.iopoll.unsupported'> | RuleIds<typeof REGISTER_RULES> | RuleIds<typeof SUBMIT_RULES>;

/** The register rules, in check order per opcode family (generators and tests name them). */
export const REGISTER_RULE_IDS: readonly RingLifecycle618RuleId[] = REGISTER_RULES.map((r) => r.id);

/** The ring-lifecycle@6.18 spec. */
export const RING_LIFECYCLE_6_18: SpecDefinition<RingLifecycle618RuleId> = {
  id: 'ring-lifecycle@6.18',
  title: 'Buffer table, file table and personalities of one ring over a sequence of register calls and submissions, Linux 6.18',
  description:
    'Stateful: REGISTER_BUFFERS / BUFFERS2 / UNREGISTER_BUFFERS / BUFFERS_UPDATE, REGISTER_FILES / FILES2 / UNREGISTER_FILES / FILES_UPDATE(2), REGISTER / UNREGISTER_PERSONALITY on one ring, interleaved with NOP (FILE, FIXED_FILE, FIXED_BUFFER, personality) and READ_FIXED / WRITE_FIXED (fixed or direct scratch file, buffer slot and range); every result predicted from the ring state the steps before it left.',
  opcodes: [IORING_OP_NOP, IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED],
  rules: [...(GENERIC as Rule<RingLifecycle618RuleId>[]), ...REGISTER_RULES, ...SUBMIT_RULES],
};
