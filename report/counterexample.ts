/**
 * A failure as a reproduction: the SQE in hex and as fields, the ring context, expected and got
 * (res, errno name, rule), the rule's source, and the command that replays it.
 */
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Failure, Flakiness } from '../runner/runner.js';
import { sequenceRecord, type Sequence, type SequenceRecord } from '../runner/sequence.js';
import type { SpecBundle } from '../registry/specs.js';
import { resName } from '../spec/errno.js';
import { ruleById } from '../spec/rule.js';
import { sqeToHex } from '../spec/sqe.js';
import { shellQuote } from './shell-quote.js';
import { cSnippet } from './c-snippet.js';
import { hexBigints } from './json-fields.js';

/** A result as a report prints it. */
export interface ResultView {
  res: number;
  errno: string;
  rule: string | null;
  posted?: boolean;
  data?: Record<string, string | number> | null;
  anomaly?: string;
}

/** A counterexample in JSON form. */
export interface Counterexample {
  /** The SQE, 128 hex digits. */
  sqe: string;
  context: Case['ctx'];
  expected: ResultView;
  actual: ResultView;
  message: string;
  /** The rule that should have fired and its source. */
  ruleSource: string | null;
  shrinks: number;
  replay: string;
  /** The SQE as C field assignments. */
  c: string;
  /** Order-dependent: the minimal sequence to run as one batch (the SQE above is its case `differs`). */
  sequence?: SequenceRecord;
  /** Nondeterministic: how often replays reproduced it. */
  flaky?: Flakiness;
}

function view(o: Outcome): ResultView {
  const v: ResultView = { res: o.res, errno: resName(o.res), rule: o.rule ?? null, posted: o.posted };
  if (o.data) v.data = hexBigints(o.data);
  if (o.anomaly) v.anomaly = o.anomaly;
  return v;
}

/** The command that re-runs one case on a backend and shows how it differs from the model (exit 1 while it does). */
export function replayCommand(spec: string, backend: string, c: Case): string {
  return ['npx', 'uring-spec', 'replay', '--spec', spec, '--backend', backend, '--sqe', sqeToHex(c.sqe), '--ctx', JSON.stringify(c.ctx)].map(shellQuote).join(' ');
}

/** The command that re-runs a sequence as one batch on a backend (exit 1 while a case differs). */
export function replaySequenceCommand(spec: string, backend: string, s: Sequence): string {
  return ['npx', 'uring-spec', 'replay', '--spec', spec, '--backend', backend, '--sequence', JSON.stringify(sequenceRecord(s))].map(shellQuote).join(' ');
}

/** The counterexample of a failed property, or null for a harness (codec) failure or a protocol violation (no case to blame). */
export function counterexample(spec: SpecBundle, backend: string, f: Failure & { shrinks: number; sequence?: Sequence; flaky?: Flakiness }): Counterexample | null {
  if (f.kind === 'harness' || f.kind === 'protocol') return null;
  const c = f.kind === 'violation' ? f.violation.case : f.case;
  const model = spec.model(c);
  const expected: ResultView =
    f.kind === 'violation'
      ? { res: f.violation.expected.res, errno: resName(f.violation.expected.res), rule: f.violation.expected.rule ?? model.rule, posted: f.violation.expected.posted ?? model.posted }
      : view(model);
  if (expected.res === 0 && model.res === 0 && model.data && !expected.data) expected.data = view(model).data ?? null;
  const actual: ResultView = f.kind === 'violation' ? view(f.violation.actual) : { res: 0, errno: '-', rule: null, anomaly: f.message };
  const ruleId = expected.rule;
  let ruleSource: string | null = null;
  if (ruleId) {
    try {
      ruleSource = ruleById(spec.definition, ruleId).source;
    } catch {
      ruleSource = null;
    }
  }
  const cx: Omit<Counterexample, 'c'> = {
    sqe: sqeToHex(c.sqe),
    context: c.ctx,
    expected,
    actual,
    message: f.kind === 'violation' ? f.violation.message : f.message,
    ruleSource,
    shrinks: f.shrinks,
    replay: f.sequence ? replaySequenceCommand(spec.definition.id, backend, f.sequence) : replayCommand(spec.definition.id, backend, c),
  };
  return { ...cx, c: cSnippet(cx), ...(f.sequence ? { sequence: sequenceRecord(f.sequence) } : {}), ...(f.flaky ? { flaky: f.flaky } : {}) };
}
