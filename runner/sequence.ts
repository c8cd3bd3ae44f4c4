/**
 * The sequence record: cases that must run in this order, as one batch, to reproduce a failure
 * (`run: "batch"`), or a stateful spec's steps on one ring (`run: "ring"`, docs/stateful.md).
 * Defined once here (documented in docs/sequences.md) and used by the runner (order-dependent
 * failures), the JSON report, `replay --report` / `replay --sequence` and the corpus. Readers
 * ignore keys they do not know and refuse a `run` value they do not know; `version` changes only
 * when a known key changes meaning.
 */
import { z } from 'zod';
import type { Case } from '../properties/case.js';
import { canonicalContext, parseContext } from '../spec/context.js';
import { sqeFromHex, sqeToHex } from '../spec/sqe.js';
import { sequenceFromJson, sequenceToJson, type StepJson } from '../spec/stateful/step-json.js';
import type { Step, StepSequence } from '../spec/stateful/step.js';

/** The record's version. */
export const SEQUENCE_VERSION = 1;

/** A sequence in memory. */
export interface Sequence {
  /** The cases, in submission order; they run as one batch. */
  cases: Case[];
  /** Index of the case whose outcome is wrong (the last one of a minimal sequence, usually). */
  differs: number;
}

/** A sequence as JSON: one object, bigint-free, the same in reports and corpus lines. */
export interface SequenceRecord {
  version: typeof SEQUENCE_VERSION;
  /** 'batch': the cases run as one request of the exec protocol, in order. */
  run: 'batch';
  cases: { sqe: string; ctx: Case['ctx'] }[];
  differs: number;
}

/** A stateful spec's sequence as JSON: the ring and its steps (spec/stateful/step-json.ts). */
export interface RingSequenceRecord {
  version: typeof SEQUENCE_VERSION;
  /** 'ring': the steps run as one sequence request on one fresh ring, in order. */
  run: 'ring';
  ring: { setupFlags: number };
  steps: StepJson[];
  /** Index of the step whose outcome is wrong. */
  differs: number;
}

/** The `run` values this reader knows. */
export const SEQUENCE_RUNS = ['batch', 'ring'] as const;

const SequenceRecordSchema = z.looseObject({
  version: z.literal(SEQUENCE_VERSION),
  run: z.literal('batch'),
  cases: z.array(z.looseObject({ sqe: z.string(), ctx: z.unknown() })).min(1),
  differs: z.number().int().min(0),
});

const RingRecordSchema = z.looseObject({
  version: z.literal(SEQUENCE_VERSION),
  run: z.literal('ring'),
  ring: z.unknown(),
  steps: z.array(z.unknown()),
  differs: z.number().int().min(0),
});

/** A stateful sequence with its differing step. */
export interface RingSequence {
  sequence: StepSequence;
  differs: number;
}

/** The JSON form of a sequence (contexts canonical, SQEs as 128 lower-case hex digits). */
export function sequenceRecord(s: Sequence): SequenceRecord {
  return { version: SEQUENCE_VERSION, run: 'batch', cases: s.cases.map((c) => ({ sqe: sqeToHex(c.sqe), ctx: canonicalContext(c.ctx) })), differs: s.differs };
}

/** The JSON form of a stateful sequence whose step `differs` is wrong. */
export function ringSequenceRecord(seq: StepSequence, differs: number): RingSequenceRecord {
  return { version: SEQUENCE_VERSION, run: 'ring', ...sequenceToJson(seq), differs };
}

/** An object from JSON text (or the object itself); the run value checked against those known. */
function recordValue(input: unknown, where: string, want: (typeof SEQUENCE_RUNS)[number]): unknown {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new Error(`${where}: sequence: not JSON (${(e as Error).message})`);
    }
  }
  const run = typeof value === 'object' && value !== null ? (value as { run?: unknown }).run : undefined;
  if (typeof run === 'string' && run !== want) {
    // a run this reader does not know is refused, never replayed as something else
    if (!(SEQUENCE_RUNS as readonly string[]).includes(run)) throw new Error(`${where}: sequence: run "${run}" is not one this reader knows (${SEQUENCE_RUNS.join(', ')}); refusing to replay it`);
    const what = run === 'ring' ? "a stateful spec's steps on one ring" : 'single-SQE cases run as one batch';
    throw new Error(`${where}: sequence: run is "${run}" (${what}), expected "${want}"`);
  }
  return value;
}

/** The kind of sequence a record holds ('batch' or 'ring'), or null when it names no known run. */
export function sequenceRunOf(input: unknown): (typeof SEQUENCE_RUNS)[number] | null {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return null;
    }
  }
  const run = typeof value === 'object' && value !== null ? (value as { run?: unknown }).run : undefined;
  return (SEQUENCE_RUNS as readonly unknown[]).includes(run) ? (run as (typeof SEQUENCE_RUNS)[number]) : null;
}

/**
 * A stateful sequence from its JSON form (an object or JSON text). Throws an Error starting with
 * `where`; `check(step, i)` may reject a step (e.g. outside the spec's domain).
 */
export function parseRingSequenceRecord(input: unknown, where: string, check?: (s: Step, i: number) => void): RingSequence {
  const r = RingRecordSchema.safeParse(recordValue(input, where, 'ring'));
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${where}: sequence: ${issues}`);
  }
  const sequence = sequenceFromJson({ ring: r.data.ring, steps: r.data.steps }, `${where}: sequence`);
  if (r.data.differs >= sequence.steps.length) throw new Error(`${where}: sequence: differs is ${r.data.differs}, but there are ${sequence.steps.length} steps`);
  sequence.steps.forEach((s, i) => check?.(s, i));
  return { sequence, differs: r.data.differs };
}

/**
 * A sequence from its JSON form (an object or JSON text). Throws an Error starting with `where`
 * that names what is wrong. `check(c, i)` may reject a case (e.g. outside the spec's domain).
 */
export function parseSequenceRecord(input: unknown, where: string, check?: (c: Case, i: number) => void): Sequence {
  const value = recordValue(input, where, 'batch');
  const r = SequenceRecordSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${where}: sequence: ${issues}`);
  }
  if (r.data.differs >= r.data.cases.length) throw new Error(`${where}: sequence: differs is ${r.data.differs}, but there are ${r.data.cases.length} cases`);
  const cases = r.data.cases.map((c, i) => {
    let out: Case;
    try {
      out = { sqe: sqeFromHex(c.sqe), ctx: parseContext(c.ctx ?? {}) };
    } catch (e) {
      throw new Error(`${where}: sequence case ${i}: ${(e as Error).message}`);
    }
    check?.(out, i);
    return out;
  });
  return { cases, differs: r.data.differs };
}
