/**
 * The model suite every spec has: each property (and the harness's own) against the spec's
 * reference model, with fixed seeds so test names and cases are stable. The properties'
 * expectations are written from the spec, so this checks the model as well.
 */
import { describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';
import { checkSpec } from '../../runner/check.js';
import { runProperty } from '../../runner/runner.js';
import { getSpec } from '../../registry/specs.js';

/** Seeds and sizes of one spec's suite (each spec keeps the numbers it was written with). */
export interface SpecModelSuite {
  /** The seed every property runs with. */
  seed: number;
  /** Runs per property of the check that must fire every rule of the catalogue. */
  catalogueRuns: number;
  /** Runs per property of the two same-seed checks. */
  sameSeedRuns: number;
  /**
   * Also check that the generators stay inside the spec's domain and that exhaustive mode
   * enumerates deterministically (the mainline specs; bpf@v1's enumeration has its own test).
   */
  domainAndClasses: boolean;
}

/** Failures print bigints as hex, which JSON cannot hold. */
const bigintAsHex = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);

/** Declares the suite `<specId> properties against the model`. */
export function describeSpecAgainstModel(specId: string, suite: SpecModelSuite): void {
  const spec = getSpec(specId);
  const backend = modelBackend(specId, { [specId]: spec.model });

  describe(`${specId} properties against the model`, () => {
    for (const prop of [...spec.properties, ...HARNESS_PROPERTIES]) {
      it(prop.name, async () => {
        const ruleCounts = new Map<string, number>();
        const r = await runProperty(prop, backend, { seed: suite.seed, cases: 3000, batchSize: 256, model: spec.model, ruleCounts, env: { data: true } });
        expect(r.failure, JSON.stringify(r.failure, bigintAsHex)).toBeUndefined();
        expect(r.status).toBe('passed');
        expect(r.cases).toBeGreaterThanOrEqual(3000);
      });
    }

    it('fires every rule of the catalogue in one check', async () => {
      const r = await checkSpec(spec, backend, { seed: 7, runs: suite.catalogueRuns });
      expect(r.status).toBe('passed');
      const silent = Object.entries(r.rules).filter(([, n]) => n === 0).map(([id]) => id);
      expect(silent).toEqual([]);
    });

    it('gives the same cases and verdict for the same seed', async () => {
      const a = await checkSpec(spec, backend, { seed: 99, runs: suite.sameSeedRuns });
      const b = await checkSpec(spec, backend, { seed: 99, runs: suite.sameSeedRuns });
      expect(a.rules).toEqual(b.rules);
      expect(a.cases).toBe(b.cases);
    });

    if (!suite.domainAndClasses) return;

    it('generates only cases inside the spec domain', async () => {
      for (const prop of spec.properties) {
        const bad: string[] = [];
        const checking = { ...prop, check: (t: unknown) => { for (const c of prop.cases(t)) { const why = spec.domain(c.sqe); if (why) bad.push(`${prop.name}: ${why}`); } return null; } };
        await runProperty(checking, backend, { seed: 3, cases: 1000, batchSize: 256, model: spec.model, ruleCounts: new Map(), env: { data: true } });
        expect(bad.slice(0, 3)).toEqual([]);
      }
    });

    it('enumerates its equivalence classes deterministically, each case in the domain, every rule reached', () => {
      const counts = new Map<string, number>(spec.definition.rules.map((r) => [r.id, 0]));
      const labels = new Set<string>();
      let first: string | undefined;
      for (const { classes, case: c } of spec.exhaustive!()) {
        first ??= classes;
        labels.add(classes);
        expect(spec.domain(c.sqe), classes).toBeNull();
        const rule = spec.model(c).rule;
        counts.set(rule, (counts.get(rule) ?? 0) + 1);
      }
      expect([...counts].filter(([, n]) => n === 0).map(([id]) => id)).toEqual([]);
      const again = spec.exhaustive!()[Symbol.iterator]().next().value!;
      expect(again.classes).toBe(first);
      expect(labels.size).toBeGreaterThan(1000);
    });
  });
}
