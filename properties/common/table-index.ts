/**
 * buf_index past a registered buffer table, biased to the boundaries (STYLE 7): every spec with
 * fixed buffers has an index-out-of-range rule, and all break it this way.
 */
import fc from 'fast-check';

/** The corruption param for `withIndexPastTable`: 0, 1 and 2 (the edges) favoured over the rest. */
export const pastTableParam: fc.Arbitrary<number> = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(0, 1, 2) }, { weight: 1, arbitrary: fc.integer({ min: 3, max: 0xffff }) });

export { withIndexPastTable } from '../../spec/table-index.js';
