/**
 * uring-spec for vitest: `import { specSuite } from 'uring-spec/vitest'`. vitest is a peer
 * dependency; `uring-spec/vitest/plugin` makes `--shard` split the properties across shards.
 */
export { specSuite, type SpecSuiteOptions } from './suite.js';
export { PropertyFailure } from './failure-text.js';
