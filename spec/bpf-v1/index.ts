/**
 * bpf@v1: IORING_OP_BPF as posted in the 2025-11 series with patch 4/5 (buffer support) applied,
 * after the 7.2 generic io_init_req layer (the kernel the observations come from; 6.18 would
 * differ only in IORING_OP_LAST). io_uring_bpf_prep: the setup flag (-EACCES), custom flags
 * (-EINVAL), io_bpf_prep_buffers (buffer 1 fully before buffer 2), then the op's prep_fn
 * (-EOPNOTSUPP when none is registered). The type, custom-flag and table checks run with no
 * program registered (observed on 7.2.13 + v1).
 */
import { BPF_OP_FLAGS_LAYOUT, decodeBpfOpFlags, encodeBpfOpFlags, type BpfOpFlags } from '../bpf-op-flags.js';
import { bpfOpId, defineBpfVersion, dropSetupFlag, setupMissing, unregisterOp } from '../bpf/common.js';
import { OBSERVED_7_2, V1_PATCH_4_5, V1_PREP_BASE, V1_SETUP } from '../bpf/sources.js';
import type { BpfCheck } from '../bpf/version.js';
import type { Case } from '../case.js';
import type { SpecConstant } from '../rule.js';
import { withIndexPastTable } from '../table-index.js';
import { bpfFieldsRead } from './fields.js';
import { v1PrepData } from './prep-data.js';

/** IORING_SETUP_BPF as posted (patch 2/5); bit 21 on a 7.2 rebase, where bit 20 is IORING_SETUP_SQ_REWIND. */
export const IORING_SETUP_BPF_V1: SpecConstant = { name: 'IORING_SETUP_BPF', value: 1 << 20, where: 'setupFlags', source: V1_SETUP };

const f = (sqe: { op_flags: number }) => decodeBpfOpFlags(sqe.op_flags);

/** The setup check, shared with bpf@v1-base (patch 3/5 already has it). */
export const V1_SETUP_MISSING = setupMissing('bpf.setup.missing', IORING_SETUP_BPF_V1, 'EACCES', 10, `${V1_PATCH_4_5}; ${V1_PREP_BASE}; ${OBSERVED_7_2('v1', 'noflag/*')}`);

/** The registered-op check, shared with bpf@v1-base: the global 256-slot table has no prep_fn for the id. */
export const V1_OP_UNREGISTERED = {
  id: 'bpf.op.unregistered',
  errno: 'EOPNOTSUPP',
  order: 14,
  summary: 'no prep_fn registered for the op id (bits 31-24) in the global 256-slot table; ids up to 255 are accepted',
  condition: '!bpf_ops[op].prep_fn (op 0-255, no range check)',
  source: `${V1_PATCH_4_5}; ${V1_PREP_BASE}; ${OBSERVED_7_2('v1', 'flag/opid-*')}`,
  fails: (sqe, ctx) => !ctx.ops.includes(bpfOpId(sqe)),
} as const satisfies BpfCheck;

/** The success rule, shared with bpf@v1-base. */
export const V1_PREP_OK = {
  id: 'bpf.prep.ok',
  errno: 'OK',
  order: 15,
  summary: "prep succeeds: res is the registered prep_fn's return (0), uring_bpf_data filled",
  condition: 'every check passed',
  source: `${V1_PATCH_4_5}; ${V1_PREP_BASE}`,
} as const satisfies BpfCheck;

const CHECKS = [
  V1_SETUP_MISSING,
  {
    id: 'bpf.custom-flags.set',
    errno: 'EINVAL',
    order: 11,
    summary: 'any custom flag bit (17-0) set; the header says these bits are "available for BPF programs", yet prep rejects them (raised in review, never answered; the spec keeps the code)',
    condition: 'bpf_op_flags & IORING_BPF_CUSTOM_FLAGS_MASK (bits 17-0)',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/op0/low24-custom-*')}`,
    fails: (sqe) => f(sqe).custom !== 0,
  },
  {
    id: 'bpf.buf1.fixed.empty-table',
    errno: 'EFAULT',
    order: 12,
    summary: 'buffer 1 fixed and no buffers registered (buf_table.nr == 0)',
    condition: 'buf1_type == FIXED && buf_table.nr == 0',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/op0/low24-buf1-type2-fixed-no-table')}`,
    fails: (sqe, ctx) => f(sqe).buf1_type === 2 && ctx.nrBufs === 0,
  },
  {
    id: 'bpf.buf1.fixed.index-out-of-range',
    errno: 'EINVAL',
    order: 12,
    summary: 'buffer 1 fixed and buf_index >= buf_table.nr',
    condition: 'buf1_type == FIXED && buf_index >= buf_table.nr',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/regbufs*/buf1-fixed-idx*-out-of-range')}`,
    fails: (sqe, ctx) => f(sqe).buf1_type === 2 && sqe.buf_index >= ctx.nrBufs,
  },
  {
    id: 'bpf.buf1.type.reserved',
    errno: 'EINVAL',
    order: 12,
    summary: 'buffer 1 type 3-7 (reserved)',
    condition: 'buf1_type >= 3',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/op0/low24-buf1-type3, -type7')}`,
    fails: (sqe) => f(sqe).buf1_type >= 3,
  },
  {
    id: 'bpf.buf2.type.fixed',
    errno: 'EINVAL',
    order: 13,
    summary: 'buffer 2 type fixed (2): only one fixed buffer per request (req->buf_index)',
    condition: 'buf2_type == FIXED',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/op0/low24-buf2-type2-fixed')}`,
    fails: (sqe) => f(sqe).buf2_type === 2,
  },
  {
    id: 'bpf.buf2.type.reserved',
    errno: 'EINVAL',
    order: 13,
    summary: 'buffer 2 type 3-7 (reserved)',
    condition: 'buf2_type >= 3',
    source: `${V1_PATCH_4_5}; ${OBSERVED_7_2('v1', 'flag/op0/low24-buf2-type3, -type7')}`,
    fails: (sqe) => f(sqe).buf2_type >= 3,
  },
  V1_OP_UNREGISTERED,
  V1_PREP_OK,
] as const satisfies readonly BpfCheck[];

/** A bpf@v1 prep rule id (the generic ones are GenericRuleId). */
export type BpfV1CheckId = (typeof CHECKS)[number]['id'];

function withFlags(c: Case, change: (x: BpfOpFlags) => Partial<BpfOpFlags>): Case {
  const x = f(c.sqe);
  return { ...c, sqe: { ...c.sqe, op_flags: encodeBpfOpFlags({ ...x, ...change(x) }) } };
}

/** The bpf@v1 version. */
export const BPF_V1_VERSION = defineBpfVersion<BpfV1CheckId>({
  id: 'bpf@v1',
  title: 'IORING_OP_BPF, series v1 with patch 4/5 (2025-11)',
  description: 'IORING_OP_BPF (65) prep: IORING_SETUP_BPF, bpf_op_flags custom bits, buffer 1 none/plain/fixed, buffer 2 none/plain, registered op; after the generic io_init_req checks.',
  setupFlag: IORING_SETUP_BPF_V1,
  layout: BPF_OP_FLAGS_LAYOUT,
  checks: CHECKS,
  data: v1PrepData,
  fieldsRead: bpfFieldsRead,
  valid: { opIdMax: 255, lowBits: 'buffer-pairs' },
  corruptions: [
    dropSetupFlag('bpf.setup.missing', IORING_SETUP_BPF_V1),
    // mostly a single bit (each of 0-17: a mask one bit short misses only the top one), all 18, or any nonzero pattern
    { rule: 'bpf.custom-flags.set', slot: 'custom', param: { min: 1, max: (1 << 18) - 1, edges: [...Array.from({ length: 18 }, (_, b) => 1 << b), (1 << 18) - 1], edgeWeight: 3 }, apply: (c, bits) => withFlags(c, () => ({ custom: bits })) },
    {
      rule: 'bpf.buf1.fixed.empty-table',
      slot: 'buf1',
      param: { min: 0, max: 0xffff, edges: [0, 1, 0xffff] },
      apply: (c, index) => {
        const w = withFlags(c, () => ({ buf1_type: 2 }));
        return { sqe: { ...w.sqe, buf_index: index }, ctx: { ...c.ctx, nrBufs: 0 } };
      },
    },
    { rule: 'bpf.buf1.fixed.index-out-of-range', slot: 'buf1', param: { min: 0, max: 0xffff, edges: [0, 1, 2] }, apply: (c, p) => withIndexPastTable(withFlags(c, () => ({ buf1_type: 2 })), p) },
    // 3 (next to fixed = 2) and 7 (the mask) favoured
    { rule: 'bpf.buf1.type.reserved', slot: 'buf1', param: { min: 3, max: 7 }, apply: (c, t) => withFlags(c, () => ({ buf1_type: t })) },
    { rule: 'bpf.buf2.type.fixed', slot: 'buf2', param: { min: 2, max: 2 }, apply: (c, t) => withFlags(c, () => ({ buf2_type: t })) },
    { rule: 'bpf.buf2.type.reserved', slot: 'buf2', param: { min: 3, max: 7 }, apply: (c, t) => withFlags(c, () => ({ buf2_type: t })) },
    unregisterOp('bpf.op.unregistered'),
  ],
});

/** The bpf@v1 spec definition: the generic rules, then the op's prep, in check order. */
export const BPF_V1 = BPF_V1_VERSION.definition;
