/**
 * Known-answer vectors of a stateful spec (test/vectors/<spec>.json): hand-worked sequences, each
 * step with the result the kernel (or the series) gives, written by hand or from the live kernel,
 * never by running the model. Every vector is run through the model step by step (runModel);
 * a step that differs fails with the vector's name, the step in words, and the reason.
 *
 * The file is a JSON array of
 *   { "name": "unique", "why": "what it shows", "source": "where the results come from" (optional),
 *     "ring": { "setupFlags": 0 },
 *     "steps": [ { "step": <a step in the JSON form of spec/stateful/step-json.ts>,
 *                  "res": 1, "rule": "rule.id", "posted": true (optional) }, ... ] }
 * (a submit step's "sqe" is 128 hex digits or an object of its non-zero fields).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runModel, type StatefulModel } from '../../model/stateful.js';
import { resName } from '../../spec/errno.js';
import type { SpecDefinition } from '../../spec/rule.js';
import { sequenceFromJson } from '../../spec/stateful/step-json.js';
import type { Step, StepSequence } from '../../spec/stateful/step.js';
import { stepWords } from '../../report/step-words.js';

export const StatefulVectorSchema = z.strictObject({
  name: z.string().min(1),
  why: z.string().min(1),
  source: z.string().min(1).optional(),
  ring: z.strictObject({ setupFlags: z.number().int().min(0) }),
  steps: z
    .array(z.strictObject({ step: z.unknown(), res: z.number().int(), rule: z.string().min(1), posted: z.boolean().optional() }))
    .min(1)
    .max(64),
});

export type StatefulVector = z.infer<typeof StatefulVectorSchema>;

/** A vector's sequence (throws naming the vector for a malformed step). */
export function vectorSequence(v: StatefulVector): StepSequence {
  return sequenceFromJson({ ring: v.ring, steps: v.steps.map((s) => s.step) }, `vector '${v.name}'`);
}

/** The vectors of test/vectors/<file> (or of a URL), parsed (a malformed row fails at load). */
export function loadStatefulVectors(file: string | URL): StatefulVector[] {
  const url = typeof file === 'string' ? new URL(`../vectors/${file}`, import.meta.url) : file;
  return z.array(StatefulVectorSchema).parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** How one stateful spec's vectors are checked. */
export interface StatefulVectorSuite {
  definition: SpecDefinition;
  model: StatefulModel<unknown>;
  /** Every step must be inside the spec's domain. */
  domain(step: Step): string | null;
  vectors: readonly StatefulVector[];
  /** The table must have at least this many vectors, so a truncated file fails. */
  minVectors: number;
}

/** Declares the suite `<spec id> known-answer sequences`. */
export function describeStatefulVectors(suite: StatefulVectorSuite): void {
  const { definition: spec, vectors } = suite;
  describe(`${spec.id} known-answer sequences`, () => {
    it('the table is large enough and names are unique', () => {
      expect(vectors.length).toBeGreaterThanOrEqual(suite.minVectors);
      const names = vectors.map((v) => v.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });

    it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
      const seq = vectorSequence(v);
      seq.steps.forEach((s, i) => expect(suite.domain(s), `${v.name} step ${i + 1}: ${stepWords(s)}`).toBeNull());
      const got = runModel(suite.model, seq);
      v.steps.forEach((want, i) => {
        const where = [`vector ${v.name}, step ${i + 1} of ${v.steps.length}: ${stepWords(seq.steps[i]!)}`, ...(v.source ? [`source: ${v.source}`] : []), `why: ${v.why}`].join('\n');
        expect(`${got[i]!.res} (${resName(got[i]!.res)}) ${got[i]!.rule}`, where).toBe(`${want.res} (${resName(want.res)}) ${want.rule}`);
        if (want.posted !== undefined) expect(got[i]!.posted, where).toBe(want.posted);
      });
    });

    it(`every step names a rule of the ${spec.id} catalogue; a failure rule with its errno`, () => {
      for (const v of vectors) {
        v.steps.forEach((s, i) => {
          const rule = spec.rules.find((r) => r.id === s.rule);
          expect(rule, `vector '${v.name}' step ${i + 1}: unknown rule ${s.rule}`).toBeDefined();
          if (rule!.errno !== 'OK') expect(rule!.errno, `vector '${v.name}' step ${i + 1}`).toBe(resName(s.res));
        });
      }
    });

    it(`every rule of ${spec.id} is covered by at least one step`, () => {
      const covered = new Set(vectors.flatMap((v) => v.steps.map((s) => s.rule)));
      expect(spec.rules.map((r) => r.id).filter((r) => !covered.has(r))).toEqual([]);
    });
  });
}

/** A vector parsed: its sequence and what each step must give (for tests that run it elsewhere). */
export interface ParsedVector {
  name: string;
  why: string;
  sequence: StepSequence;
  expected: { res: number; rule: string; posted?: boolean }[];
}

/** The vectors of test/vectors/<file>, each with its sequence parsed. */
export function loadParsedVectors(file: string | URL): ParsedVector[] {
  return loadStatefulVectors(file).map((v) => ({ name: v.name, why: v.why, sequence: vectorSequence(v), expected: v.steps.map(({ res, rule, posted }) => ({ res, rule, ...(posted === undefined ? {} : { posted }) })) }));
}
