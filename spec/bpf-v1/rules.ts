/**
 * bpf@v1: IORING_OP_BPF as posted in the 2025-11 series with patch 4/5 (buffer support) applied,
 * after the generic io_init_req layer. Order numbers continue the generic layer's (step 4,
 * registered restrictions, is not modelled and leaves a gap at 4). SPEC-NOTES section 2.
 */
import { IORING_OP_BPF } from '../constants.js';
import { genericRules, type OpDef } from '../generic-layer.js';
import type { Rule, SpecDefinition } from '../rule.js';

/** Patch 4/5 as quoted in full in the review thread. */
export const PATCH_4_5 = 'lore.kernel.org/r/b412ad25-27c4-44ec-bcaa-aeb21a64d657@samba.org (quotes patch 4/5, io_uring_bpf_prep / io_bpf_prep_buffers)';
/** Patches 1-3/5: the opcode, IORING_SETUP_BPF and the 256-slot ops table. */
export const PATCHES_1_3 = 'lore.kernel.org/r/20251104162123.1086035-2-ming.lei@redhat.com .. -4-';

/** IORING_OP_LAST in the world of the series: IORING_OP_BPF is the last op. */
export const BPF_V1_OP_LAST = IORING_OP_BPF + 1;

/** io_issue_def of IORING_OP_BPF, as far as the generic layer asks (an inference: SPEC-NOTES section 3). */
export const BPF_OP_DEF: OpDef = { name: 'BPF', bufferSelect: false, ioprio: false, iopoll: false };

const bpfRules: Rule[] = [
  { id: 'bpf.setup.missing', errno: 'EACCES', order: 10, summary: 'the ring was not set up with IORING_SETUP_BPF', source: PATCH_4_5 },
  {
    id: 'bpf.custom-flags.set',
    errno: 'EINVAL',
    order: 11,
    summary: 'any custom flag bit (17-0) set; the header says these bits are "available for BPF programs", yet prep rejects them (raised in review, never answered; the spec keeps the code)',
    source: PATCH_4_5,
  },
  { id: 'bpf.buf1.fixed.empty-table', errno: 'EFAULT', order: 12, summary: 'buffer 1 fixed and no buffers registered (buf_table.nr == 0)', source: PATCH_4_5 },
  { id: 'bpf.buf1.fixed.index-out-of-range', errno: 'EINVAL', order: 12, summary: 'buffer 1 fixed and buf_index >= buf_table.nr', source: PATCH_4_5 },
  { id: 'bpf.buf1.type.reserved', errno: 'EINVAL', order: 12, summary: 'buffer 1 type 3-7 (reserved)', source: PATCH_4_5 },
  { id: 'bpf.buf2.type.fixed', errno: 'EINVAL', order: 13, summary: 'buffer 2 type fixed (2): only one fixed buffer per request (req->buf_index)', source: PATCH_4_5 },
  { id: 'bpf.buf2.type.reserved', errno: 'EINVAL', order: 13, summary: 'buffer 2 type 3-7 (reserved)', source: PATCH_4_5 },
  { id: 'bpf.op.unregistered', errno: 'EOPNOTSUPP', order: 14, summary: 'no prep_fn registered for the op id (bits 31-24)', source: `${PATCH_4_5}; ${PATCHES_1_3}` },
  { id: 'bpf.prep.ok', errno: 'OK', order: 15, summary: "prep succeeds: res is the registered prep_fn's return (0), uring_bpf_data filled", source: PATCH_4_5 },
];

/** The bpf@v1 spec: generic rules, then the op's prep, in check order. */
export const BPF_V1: SpecDefinition = {
  id: 'bpf@v1',
  title: 'IORING_OP_BPF, series v1 with patch 4/5 (2025-11)',
  description: 'IORING_OP_BPF (65) prep: IORING_SETUP_BPF, bpf_op_flags custom bits, buffer 1 none/plain/fixed, buffer 2 none/plain, registered op; after the generic io_init_req checks.',
  opcodes: [IORING_OP_BPF],
  rules: [...genericRules(BPF_V1_OP_LAST, [BPF_OP_DEF]), ...bpfRules],
};
