/**
 * bpf-ops@v3: the op-registration lifecycle of [PATCH v3 0/12] "bpf_ext" (2026-03-24),
 * io_uring/bpf_ext.c. Registration and prep are V2's algorithm and errnos (patch 6/12 repeats
 * V2's 6/13); the ring needs IORING_SETUP_BPF_EXT (bit 21) instead. V3's other difference, the
 * slot table shared in a union with 7.2's bpf-ops struct_ops (registering an io_uring_bpf_ops on
 * a BPF_EXT ring gives -EINVAL), is about another struct_ops type that no step registers.
 */
import { defineBpfOpsVersion } from '../bpf-ops/common.js';
import { V3_REG } from '../bpf/sources.js';
import { BPF_V3_VERSION } from '../bpf-v3/index.js';

export const BPF_OPS_V3_VERSION = defineBpfOpsVersion({
  id: 'bpf-ops@v3',
  title: 'IORING_OP_BPF, series v3 "bpf_ext" (2026-03): registering ops in a ring\'s slots, and using them',
  description: 'Sequences on one ring: BPF ops registered and unregistered per ring (id < 16, ring_fd an io_uring set up with IORING_SETUP_BPF_EXT, a free slot), interleaved with IORING_OP_BPF SQEs whose prep (bpf@v3) sees the slots the sequence left.',
  prep: BPF_V3_VERSION,
  regSource: V3_REG,
  observed: 'v3',
});

/** The bpf-ops@v3 catalogue. */
export const BPF_OPS_V3 = BPF_OPS_V3_VERSION.definition;
