/**
 * Known-answer sequences of a bpf-ops version (test/vectors/<id>.json): rings and steps in the
 * JSON form of spec/stateful/step-json.ts, each step's result worked out by hand from the posted
 * patches and the 7.2.13 observations (the `why` of each sequence), never by running the model.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resName } from '../../spec/errno.js';
import { sequenceFromJson, StepJsonSchema } from '../../spec/stateful/step-json.js';
import type { StepSequence } from '../../spec/stateful/step.js';

const VectorSchema = z.strictObject({
  name: z.string().min(1),
  ring: z.strictObject({ setupFlags: z.number().int().min(0) }),
  steps: z.array(StepJsonSchema).min(1),
  expect: z.array(z.strictObject({ res: z.number().int(), rule: z.string().min(1) })).min(1),
  why: z.string().min(1),
});

/** One hand-worked sequence, parsed. */
export interface SequenceVector {
  name: string;
  why: string;
  sequence: StepSequence;
  expect: { res: number; rule: string }[];
}

/** The vectors of `id` (bpf-ops@v2 -> test/vectors/bpf-ops@v2.json); a malformed one fails here. */
export function loadSequenceVectors(id: string): SequenceVector[] {
  const raw = z.array(VectorSchema).parse(JSON.parse(readFileSync(new URL(`../vectors/${id}.json`, import.meta.url), 'utf8')));
  return raw.map((v) => {
    if (v.expect.length !== v.steps.length) throw new Error(`${id} vector '${v.name}': ${v.steps.length} steps but ${v.expect.length} expected results`);
    return { name: v.name, why: v.why, sequence: sequenceFromJson({ ring: v.ring, steps: v.steps }, `${id} vector '${v.name}'`), expect: v.expect };
  });
}

/** A result as the messages print it: `-16 (EBUSY) by bpf.reg.slot.busy`. */
export function showResult(r: { res: number; rule?: string }): string {
  return `${r.res} (${resName(r.res)})${r.rule === undefined ? '' : ` by ${r.rule}`}`;
}
