/**
 * Known-answer sequences of a stateful spec (test/vectors/<spec id>.json): each a ring, its steps
 * in the JSON form of spec/stateful/step-json.ts, and the expected res and rule of every step,
 * worked out by hand from the kernel source and checked on the live kernel, never by running the
 * model.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sequenceFromJson } from '../../spec/stateful/step-json.js';
import type { StepSequence } from '../../spec/stateful/step.js';

const SequenceVectorSchema = z.strictObject({
  name: z.string().min(1),
  why: z.string().min(1),
  ring: z.unknown(),
  steps: z.array(z.unknown()),
  expected: z.array(z.strictObject({ res: z.number().int(), rule: z.string().min(1) })),
});

/** One vector: the parsed sequence and what every step must give. */
export interface SequenceVector {
  name: string;
  why: string;
  sequence: StepSequence;
  expected: { res: number; rule: string }[];
}

/** The vectors of test/vectors/<file>; a malformed one fails at load, naming it. */
export function loadSequenceVectors(file: string): SequenceVector[] {
  const rows = z.array(SequenceVectorSchema).parse(JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url), 'utf8')));
  return rows.map((r) => {
    const sequence = sequenceFromJson({ ring: r.ring, steps: r.steps }, r.name);
    if (r.expected.length !== sequence.steps.length) throw new Error(`${r.name}: ${sequence.steps.length} steps but ${r.expected.length} expected results`);
    return { name: r.name, why: r.why, sequence, expected: r.expected };
  });
}
