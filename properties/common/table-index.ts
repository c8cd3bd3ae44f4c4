/**
 * buf_index past a registered buffer table, biased to the boundaries (STYLE 7): every spec with
 * fixed buffers has an index-out-of-range rule, and all break it this way.
 */
import fc from 'fast-check';
import type { Case } from '../case.js';

/** The corruption param for `withIndexPastTable`: 0, 1 and 2 (the edges) favoured over the rest. */
export const pastTableParam: fc.Arbitrary<number> = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(0, 1, 2) }, { weight: 1, arbitrary: fc.integer({ min: 3, max: 0xffff }) });

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
