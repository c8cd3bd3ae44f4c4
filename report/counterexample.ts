/**
 * A failure as a reproduction: the SQE in hex and as fields, the ring context, expected and got
 * (res, errno name, rule), the rule's source, and the command that replays it.
 */
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Failure, Flakiness } from '../runner/runner.js';
import type { StepsFailure } from '../runner/result.js';
import { ringSequenceRecord, sequenceRecord, type RingSequenceRecord, type Sequence, type SequenceRecord } from '../runner/sequence.js';
import type { CaseSpecBundle, SpecBundle, StatefulBundle } from '../registry/specs.js';
import { stepToJson, type StepJson } from '../spec/stateful/step-json.js';
import { cSequenceSnippet } from './c-sequence.js';
import { stepFields, stepWords } from './step-words.js';
import { resName } from '../spec/errno.js';
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
  /** Absent or 'case': one SQE (see RingCounterexample for a stateful spec's sequence). */
  kind?: 'case';
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

/** One step of a stateful counterexample. */
export interface StepView {
  /** 1-based. */
  index: number;
  /** What the step does, in words. */
  words: string;
  /** The step record's fields that are set. */
  fields: string;
  step: StepJson;
  expected: ResultView;
  /** null when the backend failed on the sequence. */
  actual: ResultView | null;
  /** This is the first wrong step. */
  differs: boolean;
}

/** A stateful spec's counterexample: a minimal sequence on one ring, step by step. */
export interface RingCounterexample {
  kind: 'ring';
  message: string;
  ring: { setupFlags: number };
  steps: StepView[];
  /** The first wrong step's expected and actual result (as a single counterexample has them). */
  expected: ResultView;
  actual: ResultView;
  ruleSource: string | null;
  shrinks: number;
  replay: string;
  /** The whole sequence as C. */
  c: string;
  /** The sequence record (docs/sequences.md, `run: "ring"`). */
  sequence: RingSequenceRecord;
  flaky?: Flakiness;
  /** sequence-determinism: the second run's results, step by step. */
  again?: ResultView[];
}

/** Either kind. */
export type AnyCounterexample = Counterexample | RingCounterexample;

/** Whether a counterexample is a stateful one. */
export function isRingCounterexample(cx: AnyCounterexample): cx is RingCounterexample {
  return cx.kind === 'ring';
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

/** The command that re-runs a stateful sequence on one ring on a backend (exit 1 while a step differs). */
export function replayRingCommand(spec: string, backend: string, record: RingSequenceRecord): string {
  return ['npx', 'uring-spec', 'replay', '--spec', spec, '--backend', backend, '--sequence', JSON.stringify(record)].map(shellQuote).join(' ');
}

function sourceOf(spec: SpecBundle, ruleId: string | null): string | null {
  if (!ruleId) return null;
  return spec.definition.rules.find((r) => r.id === ruleId)?.source ?? null;
}

/** A stateful failure as a counterexample. */
export function ringCounterexample(spec: StatefulBundle, backend: string, f: StepsFailure & { shrinks: number; flaky?: Flakiness }): RingCounterexample {
  const seq = f.ringSequence;
  const record = ringSequenceRecord(seq, f.differs);
  const crashed: ResultView = { res: 0, errno: '-', rule: null, anomaly: f.message };
  const steps: StepView[] = seq.steps.map((s, i) => ({
    index: i + 1,
    words: stepWords(s),
    fields: stepFields(s),
    step: stepToJson(s),
    expected: view(f.expected[i]!),
    actual: f.actual ? view(f.actual[i]!) : null,
    differs: i === f.differs,
  }));
  const at = steps[f.differs]!;
  const text = (v: ResultView | null) => (v === null ? 'no result (the backend failed on the sequence)' : `${v.res} (${v.errno})`);
  return {
    kind: 'ring',
    message: f.message,
    ring: { setupFlags: seq.ring.setupFlags },
    steps,
    expected: at.expected,
    actual: at.actual ?? crashed,
    ruleSource: sourceOf(spec, at.expected.rule),
    shrinks: f.shrinks,
    replay: replayRingCommand(spec.definition.id, backend, record),
    c: cSequenceSnippet(seq, steps.map((s) => ({ expected: `${text(s.expected)}, ${s.expected.rule}`, actual: text(s.actual) }))),
    sequence: record,
    ...(f.flaky ? { flaky: f.flaky } : {}),
    ...(f.again ? { again: f.again.map(view) } : {}),
  };
}

/**
 * The counterexample of a failed property, or null for a harness (codec) failure or a protocol
 * violation (no case to blame).
 */
export function counterexample(spec: SpecBundle, backend: string, f: Failure & { shrinks: number; sequence?: Sequence; flaky?: Flakiness }): AnyCounterexample | null {
  if (f.kind === 'harness' || f.kind === 'protocol' || f.kind === 'kernel') return null;
  if (f.kind === 'steps') {
    if (spec.kind !== 'stateful') throw new Error(`counterexample: a sequence of steps failed, but spec ${spec.definition.id} is not stateful`);
    return ringCounterexample(spec, backend, f);
  }
  if (spec.kind === 'stateful') throw new Error(`counterexample: spec ${spec.definition.id} is stateful, but the failure is a single case`);
  return caseCounterexample(spec, backend, f);
}

function caseCounterexample(spec: CaseSpecBundle, backend: string, f: Extract<Failure, { kind: 'violation' | 'backend' }> & { shrinks: number; sequence?: Sequence; flaky?: Flakiness }): Counterexample {
  const c = f.kind === 'violation' ? f.violation.case : f.case;
  const model = spec.model(c);
  const expected: ResultView =
    f.kind === 'violation'
      ? { res: f.violation.expected.res, errno: resName(f.violation.expected.res), rule: f.violation.expected.rule ?? model.rule, posted: f.violation.expected.posted ?? model.posted }
      : view(model);
  if (expected.res === 0 && model.res === 0 && model.data && !expected.data) expected.data = view(model).data ?? null;
  const actual: ResultView = f.kind === 'violation' ? view(f.violation.actual) : { res: 0, errno: '-', rule: null, anomaly: f.message };
  const ruleSource = sourceOf(spec, expected.rule);
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
