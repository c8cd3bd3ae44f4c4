/**
 * nop@6.18: the generic io_init_req layer of Linux 6.18 seen through IORING_OP_NOP, and NOP's own
 * nop_flags (io_nop_prep / io_nop, io_uring/nop.c). Every rule was checked on a live 6.18.44
 * kernel (kernel-6.18-observed: a.nop.*, g.*, and the cases in test/vectors/nop-6.18.json).
 *
 * The generic layer is the 6.18 one (spec/generic-layer.ts), including the check SPEC-NOTES
 * section 3 leaves out: IOSQE_CQE_SKIP_SUCCESS disables IOSQE_IO_DRAIN on the ring for good, and
 * the flag takes effect before the drain check of the same SQE, so an SQE carrying both fails
 * with -EOPNOTSUPP.
 */
import { IORING_OP_NOP } from '../constants.js';
import { GENERIC_6_18, genericRules, type GenericRuleId, type OpDef } from '../generic-layer.js';
import type { MainlineVersion } from '../mainline-version.js';
import type { Rule, RuleIds, SpecDefinition } from '../rule.js';

/** Where the 6.18 facts were checked. */
export const OBSERVED_6_18 = 'observed on Linux 6.18.44 (kernel-6.18-observed.jsonl and the kernel backend)';
/** io_uring/nop.c of 6.18 with its stable fixes. */
export const NOP_C = 'io_nop_prep / io_nop, io_uring/nop.c (Linux 6.18)';
/** Stable fix: errors of io_nop reach userspace (before, res was the injected result even on failure). */
export const NOP_RET_FIX = 'lore.kernel.org/r/20260520180045.538533-1-grandmaster@al2klimov.de ("io_uring/nop: pass ret to userspace", in 6.18 stable)';
/** Stable fix: IOSQE_FIXED_FILE selects the fixed-file table for NOP too. */
export const NOP_FIXED_FILE_FIX = 'lore.kernel.org/r/20260615144619.482749-1-vasilisalmpanis@gmail.com ("io_uring/nop: fix file reference leak with IOSQE_FIXED_FILE", Cc stable)';

/** io_issue_defs[IORING_OP_NOP] as far as the generic layer asks: no buffer select, no ioprio, iopoll. */
export const NOP_OP_DEF: OpDef = { name: 'NOP', bufferSelect: false, ioprio: false, iopoll: true };

/** io_nop_prep and io_nop's rules, in check order after the generic layer (shared by every nop version that did not change them). */
export const NOP_RULES = [
  { id: 'nop.flags.undefined', errno: 'EINVAL', order: 10, summary: 'a nop_flags bit outside NOP_FLAGS (bits 6-31)', source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.nop_flags=1<<6..31` },
  {
    id: 'nop.cqe32.ring',
    errno: 'EINVAL',
    order: 11,
    summary: 'IORING_NOP_CQE32 on a ring set up without IORING_SETUP_CQE32 (or CQE_MIXED); checked at prep, so before any file or buffer lookup',
    source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.nop_flags=1<<5, a.nop.nop_flags=1<<5.ring=CQE32`,
  },
  {
    id: 'nop.file.fixed-no-table',
    errno: 'EBADF',
    order: 12,
    summary: 'IORING_NOP_FILE with IORING_NOP_FIXED_FILE or IOSQE_FIXED_FILE: sqe.fd indexes the fixed-file table, and no context registers files',
    source: `${NOP_C}; ${NOP_FIXED_FILE_FIX}; ${OBSERVED_6_18}: a.nop.nop_flags=6.nofiles`,
  },
  { id: 'nop.file.not-open', errno: 'EBADF', order: 12, summary: 'IORING_NOP_FILE and sqe.fd is not an open descriptor (only the scratch file, fd 100, is)', source: `${NOP_C}; ${NOP_RET_FIX}; ${OBSERVED_6_18}: a.nop.nop_flags=1<<1` },
  { id: 'nop.fixed-buffer.empty-table', errno: 'EFAULT', order: 13, summary: 'IORING_NOP_FIXED_BUFFER and no buffers registered; only the table slot is looked up, sqe.addr/len are not range-checked', source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.nop_flags=8.nobufs` },
  { id: 'nop.fixed-buffer.index-out-of-range', errno: 'EFAULT', order: 13, summary: 'IORING_NOP_FIXED_BUFFER and buf_index >= the number of registered buffers', source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.nop_flags=8.bufs.bi=5` },
  { id: 'nop.inject-result', errno: 'OK', order: 14, summary: 'IORING_NOP_INJECT_RESULT: res is (s32)sqe.len, negative values included (a negative one counts as a failure: posted despite CQE_SKIP_SUCCESS)', source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.inject.*` },
  { id: 'nop.complete', errno: 'OK', order: 14, summary: 'NOP completes with res 0 (on an IOPOLL ring too: NOP supports iopoll)', source: `${NOP_C}; ${OBSERVED_6_18}: a.nop.plain` },
] as const satisfies readonly Rule[];

/** A rule id of a nop spec (the generic layer's and NOP's). */
export type NopRuleId = GenericRuleId | RuleIds<typeof NOP_RULES>;

/** The nop@6.18 spec: the 6.18 generic layer, then NOP's prep and issue, in check order. */
export const NOP_6_18: SpecDefinition<NopRuleId> = {
  id: 'nop@6.18',
  title: 'IORING_OP_NOP and the generic io_init_req layer, Linux 6.18',
  description:
    'IORING_OP_NOP (0) on Linux 6.18: opcode range (IORING_OP_LAST = 63), undefined sqe flag bit 7, BUFFER_SELECT, DRAIN with CQE_SKIP_SUCCESS, ioprio, personality; then nop_flags: undefined bits, CQE32, FILE / FIXED_FILE, FIXED_BUFFER, INJECT_RESULT, TW.',
  opcodes: [IORING_OP_NOP],
  rules: [...genericRules(GENERIC_6_18, [NOP_OP_DEF]), ...NOP_RULES],
};

/** nop@6.18 as data: the 6.18 generic layer and IORING_OP_NOP. */
export const NOP_6_18_VERSION: MainlineVersion<NopRuleId> = { definition: NOP_6_18, layer: GENERIC_6_18, ops: { [IORING_OP_NOP]: NOP_OP_DEF } };
