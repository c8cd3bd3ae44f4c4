/**
 * How a spec suite learns vitest's `--shard`: vitest splits test files, not tests, and does not
 * tell a test file which shard it is in. The plugin (./plugin.ts) provides the shard under this
 * key and keeps spec-suite files in every shard; the suite then registers only its own share of
 * the properties.
 */
import type { Shard } from '../runner/shard.js';

export const SHARD_KEY = 'uring-spec:shard';

declare module 'vitest' {
  export interface ProvidedContext {
    /** vitest's --shard as a 0-based runner Shard, or null without --shard. */
    'uring-spec:shard': Shard | null;
  }
}

/** vitest's 1-based `--shard=i/n` as the runner's 0-based shard. */
export function fromVitestShard(shard: { index: number; count: number } | undefined | null): Shard | null {
  if (!shard) return null;
  return { index: shard.index - 1, count: shard.count };
}
