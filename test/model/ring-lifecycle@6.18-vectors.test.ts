/**
 * ring-lifecycle@6.18 against its known-answer sequences (test/vectors/ring-lifecycle@6.18.json):
 * every step's res and rule were worked out by hand from the 6.18 source and each sequence was run
 * on the live 6.18.44 kernel (test/backends/kernel-sequences.test.ts runs them there again), so a
 * model that drifts from the kernel fails here naming the sequence and the step.
 */
import { describe, expect, it } from 'vitest';
import { RING_LIFECYCLE_618_MODEL, ringLifecycle618Domain, ringLifecycle618RingDomain } from '../../model/ring-lifecycle-6.18.js';
import { runModel } from '../../model/stateful.js';
import { negErrno, resName } from '../../spec/errno.js';
import { RING_LIFECYCLE_6_18 } from '../../spec/ring-lifecycle-6.18/rules.js';
import { ruleById } from '../../spec/rule.js';
import { sequenceToJson } from '../../spec/stateful/step-json.js';
import { loadSequenceVectors } from '../helpers/sequence-vectors.js';

const vectors = loadSequenceVectors('ring-lifecycle@6.18.json');

describe('ring-lifecycle@6.18 known-answer sequences', () => {
  it('names are unique and every rule of the catalogue is expected by some step', () => {
    const names = vectors.map((v) => v.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const expected = new Set(vectors.flatMap((v) => v.expected.map((e) => e.rule)));
    expect(RING_LIFECYCLE_6_18.rules.map((r) => r.id).filter((id) => !expected.has(id))).toEqual([]);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(ringLifecycle618RingDomain(v.sequence.ring), 'ring').toBeNull();
    v.sequence.steps.forEach((s, i) => expect(ringLifecycle618Domain(s), `${v.name} step ${i}`).toBeNull());
    const got = runModel(RING_LIFECYCLE_618_MODEL, v.sequence);
    const json = sequenceToJson(v.sequence);
    v.expected.forEach((e, i) => {
      const where = `${v.name} step ${i} ${JSON.stringify(json.steps[i])} (${v.why})`;
      const rule = ruleById(RING_LIFECYCLE_6_18, e.rule as never);
      // the row is consistent with its rule: a failure rule's -errno, a success rule's res >= 0 (NOP's injected result aside)
      if (rule.errno !== 'OK') expect(e.res, `${where}: row res vs its rule's errno`).toBe(negErrno(rule.errno));
      else if (rule.id !== 'nop.inject-result') expect(e.res, `${where}: a success row`).toBeGreaterThanOrEqual(0);
      expect({ res: got[i]!.res, name: resName(got[i]!.res), rule: got[i]!.rule }, where).toEqual({ res: e.res, name: resName(e.res), rule: e.rule });
      expect(got[i]!.posted, where).toBe(true);
    });
  });

  it('the model never mutates the state it is given', () => {
    for (const v of vectors) {
      let state = RING_LIFECYCLE_618_MODEL.initial(v.sequence.ring);
      for (const step of v.sequence.steps) {
        const before = JSON.stringify(state, (_k, x) => (x instanceof Map ? [...x] : x instanceof Set ? [...x] : x));
        const next = RING_LIFECYCLE_618_MODEL.step(state, step).state;
        expect(JSON.stringify(state, (_k, x) => (x instanceof Map ? [...x] : x instanceof Set ? [...x] : x)), v.name).toBe(before);
        state = next;
      }
    }
  });
});
