/**
 * The replay report (`uring-spec replay`): per case what the model expects, what the backend gave
 * and whether they agree; written as text or JSON lines through the ReportFormat interface.
 */
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import { resName } from '../spec/errno.js';
import { sqeToHex } from '../spec/sqe.js';
import type { ReportFormat } from './format.js';
import { outcomeJson } from './outcome-json.js';
import { sqeFieldLines } from './sqe-fields.js';
import { stepToJson } from '../spec/stateful/step-json.js';
import type { Step } from '../spec/stateful/step.js';
import { stepFields, stepWords } from './step-words.js';

/** One replayed case. */
export interface ReplayRow {
  case: Case;
  /** Where the case comes from, e.g. "sequence 1 (one batch) case 2/3"; default "case i/n". */
  label?: string;
  expected: ModelOutcome;
  /** The backend's outcome, or null when it failed on the case. */
  actual: Outcome | null;
  /** Why they differ (or the backend failure), null when they agree. */
  message: string | null;
}

/** A whole replay. */
export interface ReplayReport {
  spec: string;
  backend: string;
  rows: ReplayRow[];
}

function text(r: ReplayReport, paint: { red(s: string): string; green(s: string): string }): string {
  const out: string[] = [];
  r.rows.forEach((row, i) => {
    const c = row.case;
    out.push(`${row.message ? paint.red('DIFFERS') : paint.green('agrees')}  ${row.label ?? `case ${i + 1}/${r.rows.length}`}: sqe ${sqeToHex(c.sqe)}`, `  ctx ${JSON.stringify(c.ctx)}`);
    const g = row.actual;
    const gotText = g === null ? '(no outcome)' : `${g.res} ${resName(g.res)}${g.rule ? ` (${g.rule})` : ''}`;
    out.push(`  expected ${row.expected.res} ${resName(row.expected.res)} (${row.expected.rule})`, `  got      ${gotText}`);
    if (row.message) {
      out.push(`  ${paint.red(row.message)}`);
      for (const l of sqeFieldLines(c.sqe)) out.push(`    ${l}`);
    }
  });
  const differ = r.rows.filter((x) => x.message).length;
  out.push(`${r.rows.length - differ} agree, ${differ} differ (${r.backend} vs the ${r.spec} model)`);
  return out.join('\n') + '\n';
}

/** The replay formats by name. */
export const REPLAY_FORMATS: Record<'text' | 'json', ReportFormat<ReplayReport>> = {
  text: { name: 'text', description: 'for people: each case, expected and got, the fields of a differing SQE', render: (r, c) => text(r, c.paint) },
  json: {
    name: 'json',
    description: 'one JSON object a case: sqe, ctx, expected, actual, agree, message',
    render: (r) => r.rows.map((row) => JSON.stringify({ sqe: sqeToHex(row.case.sqe), ctx: row.case.ctx, expected: outcomeJson(row.expected), actual: row.actual ? outcomeJson(row.actual) : null, agree: !row.message, message: row.message }) + '\n').join(''),
  },
};

/** One replayed step of a stateful sequence. */
export interface RingReplayRow {
  step: Step;
  expected: ModelOutcome;
  /** The backend's outcome, or null when it failed on the sequence. */
  actual: Outcome | null;
  /** Why they differ (or the backend failure), null when they agree. */
  message: string | null;
}

/** A replay of stateful sequences, each run on one fresh ring. */
export interface RingReplayReport {
  spec: string;
  backend: string;
  sequences: { ring: { setupFlags: number }; rows: RingReplayRow[] }[];
}

function ringText(r: RingReplayReport, paint: { red(s: string): string; green(s: string): string }): string {
  const out: string[] = [];
  let differ = 0;
  let total = 0;
  r.sequences.forEach((q, k) => {
    out.push(`sequence ${k + 1}/${r.sequences.length}: ${q.rows.length} steps on one ring (setup flags 0x${q.ring.setupFlags.toString(16)})`);
    q.rows.forEach((row, i) => {
      total++;
      if (row.message) differ++;
      const g = row.actual;
      out.push(`${row.message ? paint.red('DIFFERS') : paint.green('agrees')}  step ${i + 1}/${q.rows.length}: ${stepWords(row.step)}`, `  record ${stepFields(row.step)}`);
      out.push(`  expected ${row.expected.res} ${resName(row.expected.res)} (${row.expected.rule})`, `  got      ${g === null ? '(no outcome)' : `${g.res} ${resName(g.res)}${g.rule ? ` (${g.rule})` : ''}`}`);
      if (row.message) out.push(`  ${paint.red(row.message)}`);
    });
  });
  out.push(`${total - differ} steps agree, ${differ} differ (${r.backend} vs the ${r.spec} model)`);
  return out.join('\n') + '\n';
}

/** The formats of a stateful replay by name. */
export const RING_REPLAY_FORMATS: Record<'text' | 'json', ReportFormat<RingReplayReport>> = {
  text: { name: 'text', description: 'for people: each step in words and record fields, expected and got', render: (r, c) => ringText(r, c.paint) },
  json: {
    name: 'json',
    description: 'one JSON object a step: sequence, step, expected, actual, agree, message',
    render: (r) =>
      r.sequences
        .flatMap((q, k) => q.rows.map((row, i) => JSON.stringify({ sequence: k, index: i, step: stepToJson(row.step), expected: outcomeJson(row.expected), actual: row.actual ? outcomeJson(row.actual) : null, agree: !row.message, message: row.message }) + '\n'))
        .join(''),
  },
};
