/**
 * The sequence record: cases that must run in this order, as one batch, to reproduce a failure.
 * Defined once here (documented in docs/sequences.md) and used by the runner (order-dependent
 * failures), the JSON report, `replay --report` / `replay --sequence` and the corpus. A stateful
 * spec extends it by adding keys: readers ignore keys they do not know, and `version` changes only
 * when a known key changes meaning.
 */
import { z } from 'zod';
import type { Case } from '../properties/case.js';
import { canonicalContext, parseContext } from '../spec/context.js';
import { sqeFromHex, sqeToHex } from '../spec/sqe.js';

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

const SequenceRecordSchema = z.looseObject({
  version: z.literal(SEQUENCE_VERSION),
  run: z.literal('batch'),
  cases: z.array(z.looseObject({ sqe: z.string(), ctx: z.unknown() })).min(1),
  differs: z.number().int().min(0),
});

/** The JSON form of a sequence (contexts canonical, SQEs as 128 lower-case hex digits). */
export function sequenceRecord(s: Sequence): SequenceRecord {
  return { version: SEQUENCE_VERSION, run: 'batch', cases: s.cases.map((c) => ({ sqe: sqeToHex(c.sqe), ctx: canonicalContext(c.ctx) })), differs: s.differs };
}

/**
 * A sequence from its JSON form (an object or JSON text). Throws an Error starting with `where`
 * that names what is wrong. `check(c, i)` may reject a case (e.g. outside the spec's domain).
 */
export function parseSequenceRecord(input: unknown, where: string, check?: (c: Case, i: number) => void): Sequence {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new Error(`${where}: sequence: not JSON (${(e as Error).message})`);
    }
  }
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
