/** The `check --json` report: one JSON object, bigint-free. */
import type { CheckResult } from '../runner/check.js';
import type { SpecBundle } from '../registry/specs.js';
import { counterexample, replayRingCommand, replaySequenceCommand, type AnyCounterexample } from './counterexample.js';
import type { Case } from '../properties/case.js';
import { ringSequenceRecord, sequenceRecord, type RingSequenceRecord } from '../runner/sequence.js';

/** A property in the JSON report. */
export interface PropertyReport {
  name: string;
  /** 'not-run': a time budget or a hung backend stopped the run before it. */
  status: 'passed' | 'failed' | 'skipped' | 'not-run';
  cases: number;
  ms: number;
  reason?: string;
  message?: string;
  counterexample?: AnyCounterexample | null;
  /** A protocol violation: the batch the backend answered wrongly, in order (no case is to blame). */
  batch?: { sqe: string; ctx: Case['ctx'] }[];
  /** The command that replays `batch` or `request` (a kernel that failed while running it). */
  replay?: string;
  /** A protocol violation in answer to a sequence request (a stateful spec): the sequence sent. */
  request?: RingSequenceRecord;
}

/** The JSON report of one check. */
export interface CheckReport {
  spec: string;
  backend: string;
  /** 'interrupted': a signal stopped the run before it could pass (see interruptedBy). */
  status: 'passed' | 'failed' | 'skipped' | 'interrupted';
  reason?: string;
  seed: number;
  cases: number;
  casesPerSecond: number;
  ms: number;
  interrupted: boolean;
  /** The signal that stopped the run (the report then holds the properties that ended before it). */
  interruptedBy?: string;
  /** Exhaustive mode: how many equivalence-class combinations there were. */
  classes?: number;
  properties: PropertyReport[];
  rules: Record<string, number>;
  /** With --min-rule-hits: the threshold and the rules below it (a run with any fails). */
  ruleCoverage?: { minHits: number; below: string[] };
}

/** Builds the report object from a check result. */
export function checkReport(spec: SpecBundle, r: CheckResult): CheckReport {
  const properties = r.properties.map((p): PropertyReport => {
    const out: PropertyReport = { name: p.name, status: p.status, cases: p.cases, ms: Math.round(p.ms) };
    if (p.reason) out.reason = p.reason;
    if ('failure' in p && p.failure) {
      out.counterexample = counterexample(spec, r.backend, p.failure);
      out.message = p.failure.kind === 'violation' ? p.failure.violation.message : p.failure.message;
      const f = p.failure;
      if (f.kind === 'protocol' || f.kind === 'kernel') {
        // what was in flight when the check stopped: a sequence request, or a batch
        if (f.steps) out.request = ringSequenceRecord(f.steps, f.steps.steps.length - 1);
        else out.batch = sequenceRecord({ cases: f.batch, differs: 0 }).cases;
        // a kernel that failed while running it: replaying it on a fresh boot reproduces it
        if (f.kind === 'kernel' && out.request) out.replay = replayRingCommand(r.spec, r.backend, out.request);
        else if (f.kind === 'kernel' && f.batch.length > 0) out.replay = replaySequenceCommand(r.spec, r.backend, { cases: f.batch, differs: 0 });
      }
    }
    return out;
  });
  const report: CheckReport = {
    spec: r.spec,
    backend: r.backend,
    status: r.status,
    seed: r.seed,
    cases: r.cases,
    casesPerSecond: r.ms > 0 ? Math.round((r.cases / r.ms) * 1000) : 0,
    ms: Math.round(r.ms),
    interrupted: r.interrupted,
    properties,
    rules: r.rules,
  };
  if (r.reason) report.reason = r.reason;
  if (r.classes !== undefined) report.classes = r.classes;
  return report;
}

/** Applies --min-rule-hits: records the rules below K and fails a run that has any. */
export function withRuleCoverage(report: CheckReport, minHits: number): CheckReport {
  if (report.status === 'skipped') return report;
  const below = Object.entries(report.rules).filter(([, n]) => n < minHits).map(([id]) => id);
  return { ...report, ruleCoverage: { minHits, below }, status: below.length > 0 ? 'failed' : report.status };
}
