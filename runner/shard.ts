/**
 * Sharding: N machines share one run. Every shard generates or enumerates the same sequence and
 * keeps item i when i % count === index, so the shards partition the unsharded run.
 */

/** Shard `index` of `count` (0 <= index < count). */
export interface Shard {
  index: number;
  count: number;
}

/** The whole run. */
export const WHOLE_RUN: Shard = { index: 0, count: 1 };

/** Whether item `i` of the sequence belongs to `shard`. */
export function inShard(i: number, shard: Shard): boolean {
  return i % shard.count === shard.index;
}

/** The items of `xs` that belong to `shard`, lazily. */
export function* shardOf<T>(xs: Iterable<T>, shard: Shard): Generator<T> {
  let i = 0;
  for (const x of xs) if (inShard(i++, shard)) yield x;
}
