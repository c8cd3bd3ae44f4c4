/**
 * The vitest plugin that makes `vitest --shard=i/n` split a spec suite's properties across the
 * shards. vitest shards test files, and one file usually holds a whole spec suite, so on its own
 * it would run every property on one shard and none on the others. The plugin:
 * - keeps every file that calls specSuite in every shard (other files are sharded as usual), and
 * - provides the shard to the test workers, where specSuite registers only its share.
 *
 *   // vitest.config.ts
 *   import { defineConfig } from 'vitest/config';
 *   import { uringSpec } from 'uring-spec/vitest/plugin';
 *   export default defineConfig({ plugins: [uringSpec()] });
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification, type VitestPluginContext } from 'vitest/node';
import { fromVitestShard, SHARD_KEY } from './shard.js';

// a file that calls specSuite(...); read from the source, as sharding happens before any import
const CALLS_SPEC_SUITE = /\bspecSuite\s*\(/;

function callsSpecSuite(file: string): boolean {
  try {
    return CALLS_SPEC_SUITE.test(readFileSync(file, 'utf8'));
  } catch {
    return false; // unreadable: vitest reports it itself when it runs the file
  }
}

/** Shards ordinary test files as vitest does; spec-suite files go to every shard. */
export class SpecSuiteSequencer extends BaseSequencer {
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const suites = files.filter((f) => callsSpecSuite(f.moduleId));
    const rest = files.filter((f) => !suites.includes(f));
    return [...suites, ...(rest.length > 0 ? await super.shard(rest) : [])];
  }
}

/** The plugin object (a Vite plugin with vitest's configureVitest hook). */
export function uringSpec() {
  return {
    name: 'uring-spec',
    config() {
      return { test: { sequence: { sequencer: SpecSuiteSequencer } } };
    },
    configureVitest({ vitest, project }: VitestPluginContext) {
      project.provide(SHARD_KEY, fromVitestShard(vitest.config.shard));
      // vitest refuses `--shard=i/n` with fewer than n test files before it asks the sequencer,
      // yet every shard gets the spec suites; so a single spec-suite file may be split n ways
      if (vitest.config.shard) vitest.config.passWithNoTests = true;
    },
  };
}
