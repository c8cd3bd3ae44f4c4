/**
 * bpf-ops@v2: the op-registration lifecycle of [PATCH v2 0/13] (2026-01-06), io_uring/bpf_op.c:
 * ops registered per ring (ring_fd) into 16 slots of rings set up with IORING_SETUP_BPF_OP
 * (bit 20 as posted), and IORING_OP_BPF SQEs judged by bpf@v2's prep against those slots.
 */
import { defineBpfOpsVersion } from '../bpf-ops/common.js';
import { V2_REG } from '../bpf/sources.js';
import { BPF_V2_VERSION } from '../bpf-v2/index.js';

export const BPF_OPS_V2_VERSION = defineBpfOpsVersion({
  id: 'bpf-ops@v2',
  title: 'IORING_OP_BPF, series v2 (2026-01): registering ops in a ring\'s slots, and using them',
  description: 'Sequences on one ring: BPF ops registered and unregistered per ring (id < 16, ring_fd an io_uring set up with IORING_SETUP_BPF_OP, a free slot), interleaved with IORING_OP_BPF SQEs whose prep (bpf@v2) sees the slots the sequence left.',
  prep: BPF_V2_VERSION,
  regSource: V2_REG,
  observed: 'v2',
});

/** The bpf-ops@v2 catalogue. */
export const BPF_OPS_V2 = BPF_OPS_V2_VERSION.definition;
