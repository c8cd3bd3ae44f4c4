/**
 * Where the IORING_OP_BPF facts come from: the posted mails (Message-IDs; N = patch number + 1)
 * and the 7.2.13 kernels built with each version applied (kernel-7.2-bpf-observed.md).
 */

/** A patch of a version, as lore.kernel.org/r/<Message-ID>. */
const mail = (series: string, n: number): string => `lore.kernel.org/r/${series}-${n + 1}-ming.lei@redhat.com`;

/** V1 [PATCH 0/5], 2025-11-04. */
export const V1 = '20251104162123.1086035';
/** V2 [PATCH v2 0/13], 2026-01-06. */
export const V2 = '20260106101126.4064990';
/** V3 [PATCH v3 0/12] "bpf_ext", 2026-03-24. */
export const V3 = '20260324163753.1900977';

/** V1 patch 2/5: IORING_SETUP_BPF and the ring list. */
export const V1_SETUP = `${mail(V1, 2)} (IORING_SETUP_BPF)`;
/** V1 patch 3/5: struct_ops, io_uring_bpf_prep without buffers. */
export const V1_PREP_BASE = `${mail(V1, 3)} (io_uring_bpf_prep)`;
/** V1 patch 4/5 (buffers), and the review reply that quotes it in full. */
export const V1_PATCH_4_5 = `${mail(V1, 4)} (io_uring_bpf_prep / io_bpf_prep_buffers; quoted in full by lore.kernel.org/r/b412ad25-27c4-44ec-bcaa-aeb21a64d657@samba.org)`;
/** V2 patch 5/13: IORING_SETUP_BPF_OP. */
export const V2_SETUP = `${mail(V2, 5)} (IORING_SETUP_BPF_OP)`;
/** V2 patches 5-6/13: io_uring_bpf_prep with the per-ring slots. */
export const V2_PREP = `${mail(V2, 6)} (io_uring_bpf_prep, io_bpf_reg_unreg)`;
/** V2 patch 6/13: struct_ops registration per ring (ring_fd), refcounted slots. */
export const V2_REG = `${mail(V2, 6)} (io_bpf_reg_unreg)`;
/** V3 patch 6/12: the same registration in bpf_ext.c. */
export const V3_REG = `${mail(V3, 6)} (io_bpf_reg_unreg)`;
/** V3 patch 5/12: IORING_SETUP_BPF_EXT, io_uring_bpf_prep. */
export const V3_PREP = `${mail(V3, 5)} (IORING_SETUP_BPF_EXT, io_uring_bpf_prep)`;

/** The observations of 7.2.13 with each version applied. */
export const OBSERVED_7_2 = (version: 'v1' | 'v2' | 'v3', rows: string): string => `observed on 7.2.13 + ${version} (kernel-7.2-bpf-observed.md: ${rows})`;
