/** Records with bigint fields (SQEs, uring_bpf_data) as JSON can carry them: u64s as hex strings. */

/** The record with every bigint written as `0x...`; other values as they are. */
export function hexBigints(record: object): Record<string, string | number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'bigint' ? `0x${v.toString(16)}` : v]));
}
