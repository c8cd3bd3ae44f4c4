/**
 * bpf@v1-base: IORING_OP_BPF as posted in V1 patches 1-3/5 (2025-11-04), before patch 4/5 added
 * buffers. io_uring_bpf_prep (patch 3/5): a ring without IORING_SETUP_BPF gives -EACCES; the op id
 * (bits 31-24, unsigned char) indexes the global 256-slot table with no range check; the low 24
 * bits are "used for bpf prog" and never read (uring_bpf_get_flags() exists, unused); no prep_fn
 * gives -EOPNOTSUPP. Its rules are the ones bpf@v1 kept, shared from there, not copied.
 * Never booted on its own: the observed V1 kernel carries all five patches.
 */
import { BPF_OP_FLAGS_LAYOUT_PROG, defineBpfVersion, dropSetupFlag, opFlagsOnlyFieldsRead, unregisterOp } from '../bpf/common.js';
import type { BpfCheck } from '../bpf/version.js';
import { IORING_SETUP_BPF_V1, V1_OP_UNREGISTERED, V1_PREP_OK, V1_SETUP_MISSING } from '../bpf-v1/index.js';

const CHECKS = [V1_SETUP_MISSING, V1_OP_UNREGISTERED, V1_PREP_OK] as const satisfies readonly BpfCheck[];

/** A bpf@v1-base prep rule id. */
export type BpfV1BaseCheckId = (typeof CHECKS)[number]['id'];

/** The bpf@v1-base version. */
export const BPF_V1_BASE_VERSION = defineBpfVersion<BpfV1BaseCheckId>({
  id: 'bpf@v1-base',
  title: 'IORING_OP_BPF, series v1 patches 1-3 (2025-11): no buffers',
  description: 'IORING_OP_BPF (65) prep in v1 before buffer support: IORING_SETUP_BPF (-EACCES when missing), a registered op in the global 256-slot table; the low 24 bits belong to the program; after the generic io_init_req checks.',
  setupFlag: IORING_SETUP_BPF_V1,
  // patch 3/5's uapi comment: the op id, and 24 bits used by the program
  layout: BPF_OP_FLAGS_LAYOUT_PROG,
  checks: CHECKS,
  fieldsRead: opFlagsOnlyFieldsRead,
  valid: { opIdMax: 255, lowBits: 'any' },
  corruptions: [dropSetupFlag('bpf.setup.missing', IORING_SETUP_BPF_V1), unregisterOp('bpf.op.unregistered')],
});

/** The bpf@v1-base spec definition. */
export const BPF_V1_BASE = BPF_V1_BASE_VERSION.definition;
