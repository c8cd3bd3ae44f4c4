/** buf_index past a registered buffer table: every spec with fixed buffers breaks its index rule this way. */
import type { Case } from './case.js';

/**
 * The case with buf_index past its table: for a table of nr, param 0 -> nr, 1 -> nr + 1,
 * 2 -> 65535, larger -> nr + param (at most 65535). A case without a table gets one buffer, since
 * with none the empty-table rule would decide instead.
 */
export function withIndexPastTable(c: Case, p: number): Case {
  const nr = c.ctx.nrBufs === 0 ? 1 : c.ctx.nrBufs;
  const index = p === 0 ? nr : p === 1 ? nr + 1 : p === 2 ? 0xffff : Math.min(0xffff, nr + p);
  return { sqe: { ...c.sqe, buf_index: index }, ctx: { ...c.ctx, nrBufs: nr } };
}
