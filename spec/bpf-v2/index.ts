/**
 * bpf@v2: IORING_OP_BPF as posted in [PATCH v2 0/13] (2026-01-06), io_uring/bpf_op.c, after the
 * 7.2 generic layer. io_uring_bpf_prep (final state after patch 6/13): a ring without
 * IORING_SETUP_BPF_OP gives -EOPNOTSUPP (V1: -EACCES); an op id >= IO_RING_MAX_BPF_OPS (16) gives
 * -EINVAL; an empty per-ring slot (no ops, no prep_fn, or unregistering) gives -EOPNOTSUPP; then
 * prep_fn's return. The low 24 bits of bpf_op_flags are the program's: the kernel never reads
 * them, so V1's custom-flag and buffer-type checks are gone, and so is every buffer field.
 * Context `ops` here: ids 0-15 registered on this ring (an id >= 16 can never be registered).
 */
import { BPF_OP_FLAGS_LAYOUT_PROG, bpfOpId, defineBpfVersion, dropSetupFlag, opFlagsOnlyFieldsRead, setupMissing, unregisterOp } from '../bpf/common.js';
import { OBSERVED_7_2, V2_PREP, V2_SETUP } from '../bpf/sources.js';
import type { BpfCheck } from '../bpf/version.js';
import type { SpecConstant } from '../rule.js';
import type { Sqe } from '../sqe-layout.js';

/** IORING_SETUP_BPF_OP as posted (patch 5/13); bit 21 on a 7.2 rebase. */
export const IORING_SETUP_BPF_OP: SpecConstant = { name: 'IORING_SETUP_BPF_OP', value: 1 << 20, where: 'setupFlags', source: V2_SETUP };

/** IO_RING_MAX_BPF_OPS (bpf_op.h): the per-ring slot count. */
export const IO_RING_MAX_BPF_OPS = 16;

/** The op-id range check V2 adds and V3 keeps. */
export const V2_OP_OUT_OF_RANGE = {
  id: 'bpf.op.out-of-range',
  errno: 'EINVAL',
  order: 11,
  summary: `op id (bits 31-24) >= IO_RING_MAX_BPF_OPS (${IO_RING_MAX_BPF_OPS}): there is no such slot`,
  condition: `op >= ${IO_RING_MAX_BPF_OPS}`,
  source: `${V2_PREP}; ${OBSERVED_7_2('v2', 'flag/opid-16..255')}`,
  fails: (sqe: Sqe) => bpfOpId(sqe) >= IO_RING_MAX_BPF_OPS,
} as const satisfies BpfCheck;

/** The slot check: V2's per-ring table. */
export const V2_OP_UNREGISTERED = {
  id: 'bpf.op.unregistered',
  errno: 'EOPNOTSUPP',
  order: 14,
  summary: "the ring's slot for the op id holds no ops, no prep_fn, or is being unregistered (refcount 0)",
  condition: '!ctx->bpf_ops[op] || !prep_fn || !refcount (per ring)',
  source: `${V2_PREP}; ${OBSERVED_7_2('v2', 'flag/opid-0..15')}`,
  fails: (sqe: Sqe, ctx: { ops: readonly number[] }) => !ctx.ops.includes(bpfOpId(sqe)),
} as const satisfies BpfCheck;

/** prep_fn's return is passed through; a registered op (context `ops`) returns 0. */
export const V2_PREP_OK = {
  id: 'bpf.prep.ok',
  errno: 'OK',
  order: 15,
  summary: "prep succeeds: res is the registered prep_fn's return (0 for a context's ops), the issue_fn's result completes the request",
  condition: 'every check passed',
  source: V2_PREP,
} as const satisfies BpfCheck;

const CHECKS = [
  setupMissing('bpf.setup.missing', IORING_SETUP_BPF_OP, 'EOPNOTSUPP', 10, `${V2_PREP}; ${OBSERVED_7_2('v2', 'noflag/*')}`),
  V2_OP_OUT_OF_RANGE,
  V2_OP_UNREGISTERED,
  V2_PREP_OK,
] as const satisfies readonly BpfCheck[];

/** A bpf@v2 prep rule id. */
export type BpfV2CheckId = (typeof CHECKS)[number]['id'];

/** The op-range corruption: an id past the slots (16, 17, 127/128, 255 favoured). */
export const OP_OUT_OF_RANGE_CORRUPTION = {
  rule: 'bpf.op.out-of-range',
  slot: 'op-id',
  param: { min: IO_RING_MAX_BPF_OPS, max: 255, edges: [16, 17, 127, 128, 255] },
  apply: (c: { sqe: Sqe; ctx: import('../context.js').RingContext }, op: number) => ({ ...c, sqe: { ...c.sqe, op_flags: ((c.sqe.op_flags & 0xffffff) | (op << 24)) >>> 0 } }),
} as const;

/** The bpf@v2 version. */
export const BPF_V2_VERSION = defineBpfVersion<BpfV2CheckId>({
  id: 'bpf@v2',
  title: 'IORING_OP_BPF, series v2 (2026-01): per-ring op slots',
  description: 'IORING_OP_BPF (65) prep in v2: IORING_SETUP_BPF_OP (-EOPNOTSUPP when missing), op id < 16, a registered per-ring slot; the low 24 bits belong to the program; after the generic io_init_req checks.',
  setupFlag: IORING_SETUP_BPF_OP,
  layout: BPF_OP_FLAGS_LAYOUT_PROG,
  checks: CHECKS,
  fieldsRead: opFlagsOnlyFieldsRead,
  valid: { opIdMax: IO_RING_MAX_BPF_OPS - 1, lowBits: 'any' },
  corruptions: [dropSetupFlag('bpf.setup.missing', IORING_SETUP_BPF_OP), OP_OUT_OF_RANGE_CORRUPTION, unregisterOp('bpf.op.unregistered')],
});

/** The bpf@v2 spec definition. */
export const BPF_V2 = BPF_V2_VERSION.definition;
