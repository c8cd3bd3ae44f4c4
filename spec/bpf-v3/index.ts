/**
 * bpf@v3: IORING_OP_BPF as posted in [PATCH v3 0/12] "bpf_ext" (2026-03-24), io_uring/bpf_ext.c.
 * Prep, slots and errnos are V2's (patches 5-6/12 keep the algorithm); what changes at the SQE
 * level is the setup flag: IORING_SETUP_BPF_EXT, bit 21 as posted. V2's rules are shared, not
 * copied: only the setup check, which names the new flag, is this version's own.
 */
import { BPF_OP_FLAGS_LAYOUT_PROG, defineBpfVersion, dropSetupFlag, opFlagsOnlyFieldsRead, setupMissing, unregisterOp } from '../bpf/common.js';
import { OBSERVED_7_2, V3_PREP } from '../bpf/sources.js';
import type { BpfCheck } from '../bpf/version.js';
import { IO_RING_MAX_BPF_OPS, OP_OUT_OF_RANGE_CORRUPTION, V2_OP_OUT_OF_RANGE, V2_OP_UNREGISTERED, V2_PREP_OK } from '../bpf-v2/index.js';
import type { SpecConstant } from '../rule.js';

/** IORING_SETUP_BPF_EXT as posted (patch 5/12): bit 21 already. */
export const IORING_SETUP_BPF_EXT: SpecConstant = { name: 'IORING_SETUP_BPF_EXT', value: 1 << 21, where: 'setupFlags', source: V3_PREP };

const CHECKS = [
  setupMissing('bpf.setup.missing', IORING_SETUP_BPF_EXT, 'EOPNOTSUPP', 10, `${V3_PREP}; ${OBSERVED_7_2('v3', 'noflag/*')}`),
  V2_OP_OUT_OF_RANGE,
  V2_OP_UNREGISTERED,
  V2_PREP_OK,
] as const satisfies readonly BpfCheck[];

/** A bpf@v3 prep rule id. */
export type BpfV3CheckId = (typeof CHECKS)[number]['id'];

/** The bpf@v3 version. */
export const BPF_V3_VERSION = defineBpfVersion<BpfV3CheckId>({
  id: 'bpf@v3',
  title: 'IORING_OP_BPF, series v3 "bpf_ext" (2026-03): per-ring op slots, IORING_SETUP_BPF_EXT',
  description: 'IORING_OP_BPF (65) prep in v3: IORING_SETUP_BPF_EXT (bit 21; -EOPNOTSUPP when missing), op id < 16, a registered per-ring slot; the low 24 bits belong to the program; after the generic io_init_req checks.',
  setupFlag: IORING_SETUP_BPF_EXT,
  layout: BPF_OP_FLAGS_LAYOUT_PROG,
  checks: CHECKS,
  fieldsRead: opFlagsOnlyFieldsRead,
  valid: { opIdMax: IO_RING_MAX_BPF_OPS - 1, lowBits: 'any' },
  corruptions: [dropSetupFlag('bpf.setup.missing', IORING_SETUP_BPF_EXT), OP_OUT_OF_RANGE_CORRUPTION, unregisterOp('bpf.op.unregistered')],
});

/** The bpf@v3 spec definition. */
export const BPF_V3 = BPF_V3_VERSION.definition;
