/** The known-answer suite of a bpf-ops version: the model against the hand-worked sequences. */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../model/stateful.js';
import { bpfOpsRingDomain } from '../../properties/bpf-ops/declaration.js';
import type { BpfOpsVersion } from '../../spec/bpf-ops/common.js';
import { resName } from '../../spec/errno.js';
import { stepToJson } from '../../spec/stateful/step-json.js';
import type { StatefulDeclaration } from '../../properties/stateful/declaration.js';
import { loadSequenceVectors, showResult } from './bpf-ops-vectors.js';

export function describeBpfOpsVectors(v: BpfOpsVersion, decl: StatefulDeclaration): void {
  const id = v.definition.id;
  const vectors = loadSequenceVectors(id);

  describe(`${id} known-answer sequences`, () => {
    it('the table is large enough and names are unique', () => {
      expect(vectors.length).toBeGreaterThanOrEqual(8);
      const names = vectors.map((x) => x.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });

    it.each(vectors.map((x) => [x.name, x] as const))('%s', (_name, x) => {
      expect(bpfOpsRingDomain(v)(x.sequence.ring), x.name).toBeNull();
      for (const s of x.sequence.steps) expect(decl.domain(s), `${x.name}: ${JSON.stringify(stepToJson(s))}`).toBeNull();
      const got = runModel(decl.model, x.sequence);
      const lines = got.map((g, i) => `step ${i}: expected ${showResult(x.expect[i]!)}, model ${showResult(g)}`);
      expect(got.map((g) => showResult(g)), `${x.why}\n${lines.join('\n')}`).toEqual(x.expect.map((e) => showResult(e)));
    });

    it(`every expected result names a rule of the ${id} catalogue, with that rule's errno`, () => {
      for (const x of vectors) {
        for (const e of x.expect) {
          const rule = v.definition.rules.find((r) => r.id === e.rule);
          expect(rule, `'${x.name}': unknown rule ${e.rule}`).toBeDefined();
          expect(rule!.errno, `'${x.name}': ${e.rule}`).toBe(resName(e.res));
        }
      }
    });

    it(`every rule of ${id} is expected by at least one step`, () => {
      const covered = new Set(vectors.flatMap((x) => x.expect.map((e) => e.rule)));
      expect(v.definition.rules.map((r) => r.id).filter((r) => !covered.has(r))).toEqual([]);
    });
  });
}
