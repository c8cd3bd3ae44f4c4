/**
 * `struct uring_bpf_data` as the BPF program sees it after a successful prep (patch 4/5), plus
 * req->buf_index when buffer 1 is fixed. All fields are read-only for the program.
 */

/** The data a successful IORING_OP_BPF prep leaves for the program. */
export interface UringBpfData {
  /** bpf_op_flags as submitted. */
  opf: number;
  buf1_addr: bigint;
  buf1_len: number;
  buf2_addr: bigint;
  buf2_len: number;
  /** req->buf_index: sqe.buf_index when buffer 1 is fixed, else 0. */
  buf_index: number;
}

/** The data fields, in the order reports print them. */
export const URING_BPF_DATA_FIELDS = ['opf', 'buf1_addr', 'buf1_len', 'buf2_addr', 'buf2_len', 'buf_index'] as const;

/** Field-by-field equality. */
export function sameData(a: UringBpfData, b: UringBpfData): boolean {
  return URING_BPF_DATA_FIELDS.every((k) => a[k] === b[k]);
}

/** A uring_bpf_data field name. */
export type UringBpfDataField = (typeof URING_BPF_DATA_FIELDS)[number];

/** The names of the fields that differ. */
export function dataDiff(a: UringBpfData, b: UringBpfData): UringBpfDataField[] {
  return URING_BPF_DATA_FIELDS.filter((k) => a[k] !== b[k]);
}
