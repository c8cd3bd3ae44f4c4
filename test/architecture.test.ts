/**
 * The layers import one way and nothing imports in a cycle, checked by dependency-cruiser with
 * the rules in .dependency-cruiser.cjs (not by eye).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const FOLDERS = ['index.ts', 'spec', 'model', 'properties', 'registry', 'runner', 'backends', 'report', 'corpus', 'cli', 'bench', 'vitest'];

function cruise(): { summary: { violations: unknown[]; totalCruised: number; totalDependenciesCruised: number } } {
  const out = execFileSync('npx', ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...FOLDERS], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

describe('architecture', () => {
  it('has no import cycle and no import from a lower layer into a higher one', () => {
    const r = cruise();
    // the resolver must reach the TypeScript sources: a cruise of a handful of modules would pass vacuously
    expect(r.summary.totalCruised).toBeGreaterThan(100);
    expect(r.summary.totalDependenciesCruised).toBeGreaterThan(400);
    expect(r.summary.violations).toEqual([]);
  });
});
