/**
 * The declaration of ring-lifecycle@6.18: its generators stay inside the domain and reach every
 * rule of the catalogue within a few hundred sequences, and each built-in mutant differs from the
 * model on a drawn sequence that shrinks to at most 6 steps and differs again when replayed.
 * (The fc.commands property and its reports are the stateful pack's; this checks what the
 * declaration promises it.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ringLifecycle618RingDomain } from '../../model/ring-lifecycle-6.18.js';
import { runModel, type StatefulModel } from '../../model/stateful.js';
import { RING_LIFECYCLE_618_DECLARATION as D } from '../../properties/ring-lifecycle-6.18/declaration.js';
import { MAX_SEQUENCE_STEPS, type StepSequence } from '../../spec/stateful/step.js';
import { sequenceToJson } from '../../spec/stateful/step-json.js';
import type { StatefulDeclaration } from '../../properties/stateful/declaration.js';
import { sequenceOf } from '../helpers/stateful-sequences.js';

/** Sequences as the stateful pack draws them: a ring, then 1..maxSteps weighted steps, lengths spread evenly (size 'max'). */
const sequences: fc.Arbitrary<StepSequence> = sequenceOf(D as StatefulDeclaration, 'max');

/** Where two models first differ on a sequence (res or rule), or -1. */
function firstDifference(a: StatefulModel<unknown>, b: StatefulModel<unknown>, seq: StepSequence): number {
  const x = runModel(a, seq);
  const y = runModel(b, seq);
  return x.findIndex((o, i) => o.res !== y[i]!.res || o.rule !== y[i]!.rule);
}

describe('ring-lifecycle@6.18 declaration', () => {
  const drawn = fc.sample(sequences, { seed: 618, numRuns: 500 });

  it('draws rings and steps inside the domain, at most maxSteps (<= 64) long', () => {
    expect(D.maxSteps).toBeLessThanOrEqual(MAX_SEQUENCE_STEPS);
    for (const seq of drawn) {
      expect(ringLifecycle618RingDomain(seq.ring)).toBeNull();
      expect(seq.steps.length).toBeLessThanOrEqual(D.maxSteps);
      for (const s of seq.steps) expect(D.domain(s), JSON.stringify(sequenceToJson({ ring: seq.ring, steps: [s] }).steps[0])).toBeNull();
    }
  });

  it('reaches every rule of the catalogue within 500 sequences', () => {
    const hits = new Map<string, number>();
    for (const seq of drawn) for (const o of runModel(D.model, seq)) hits.set(o.rule, (hits.get(o.rule) ?? 0) + 1);
    const ids = D.definition.rules.map((r) => r.id);
    expect(ids.filter((id) => !hits.has(id))).toEqual([]);
    expect([...hits.keys()].filter((id) => !ids.includes(id as never))).toEqual([]);
  });

  it('mutant names are unique kebab-case, and there are at least the three the issue names', () => {
    const names = D.mutants.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names).toEqual(expect.arrayContaining(['update-skips-range-check', 'unregister-leaves-table', 'personality-id-reused']));
  });

  it.each(D.mutants.map((m) => [m.name, m] as const))('mutant %s differs from the model on a sequence of at most 6 steps that replays', (_name, m) => {
    const r = fc.check(
      fc.property(sequences, (seq) => firstDifference(D.model as StatefulModel<unknown>, m.model, seq) === -1),
      { seed: 6180, numRuns: 2000 },
    );
    expect(r.failed, `${m.name} was never told apart from the model`).toBe(true);
    const [seq] = r.counterexample!;
    expect(seq.steps.length, JSON.stringify(sequenceToJson(seq))).toBeLessThanOrEqual(6);
    // the shrunk sequence, replayed from its JSON form, still tells the mutant apart
    const replayed = JSON.parse(JSON.stringify(sequenceToJson(seq))) as ReturnType<typeof sequenceToJson>;
    expect(replayed.steps.length).toBe(seq.steps.length);
    expect(firstDifference(D.model as StatefulModel<unknown>, m.model, seq)).toBeGreaterThanOrEqual(0);
  });
});
