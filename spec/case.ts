/** A case: one SQE submitted to one ring context. */
import type { RingContext } from './context.js';
import type { Sqe } from './sqe-layout.js';

/** One SQE in one ring context: the unit every backend runs. */
export interface Case {
  sqe: Sqe;
  ctx: RingContext;
}
