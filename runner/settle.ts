/**
 * Before a failure is reported it is replayed, so the report tells the truth about it:
 * - it fails every time alone: shrunk as usual, and the case the report names is replayed alone
 *   too; when that case passes alone, the trial's cases are the sequence (below);
 * - it passes alone but fails every time in the batch it was seen in: order-dependent, the batch
 *   shrunk to a minimal sequence (sequence-shrink.ts) and reported as one;
 * - anything less than every time: nondeterministic (flaky), with the counts, never shrunk.
 */
import type fc from 'fast-check';
import { BackendFailure, stopsWithBatch, type Backend } from './backend.js';
import type { Case } from '../properties/case.js';
import { agreeWithModel } from '../properties/checks.js';
import type { Property } from '../properties/property.js';
import { casesOf, firstFailure, type Found } from './evaluate.js';
import { replaysOf, type RunOptions } from './options.js';
import { failureCase, failureMessage, type Failure, type Flakiness, type SettledFailure } from './result.js';
import { countFailures, runSequence, type SequenceVerdict } from './sequence-run.js';
import { shrinkSequence } from './sequence-shrink.js';
import { shrinkTrial } from './shrink.js';
import { ProtocolStop } from './stops.js';

type Settled = SettledFailure;

/** Whether one case alone disagrees with the model (or makes the backend fail): what `replay --sqe` sees. */
async function caseFailsAlone(backend: Backend, c: Case, opts: RunOptions): Promise<boolean> {
  try {
    const [got] = await backend.run([c]);
    return agreeWithModel(c, got!, opts.model(c), opts.env) !== null;
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    if (stopsWithBatch(e)) throw new ProtocolStop(e, [c]);
    return true;
  }
}

function flaky(failure: Failure, trial: unknown, f: Flakiness): Settled {
  const alone = `${f.alone.failed} of ${f.alone.runs} replays alone`;
  const batch = f.batch ? `, ${f.batch.failed} of ${f.batch.runs} replays of the ${f.batch.cases}-case batch it was seen in` : '';
  const message = `nondeterministic (flaky): it failed once, then ${alone}${batch}; first seen: ${failureMessage(failure)}`;
  const reworded: Failure = failure.kind === 'violation' ? { kind: 'violation', violation: { ...failure.violation, message } } : { ...failure, message };
  return { ...reworded, shrinks: 0, trial, flaky: f };
}

/** A verdict of a sequence as a failure that says it is order-dependent. */
function orderDependent(cases: Case[], v: SequenceVerdict, shrinks: number, trial: unknown): Settled {
  const what = 'violation' in v ? v.violation.message : v.failure.message;
  const message = `order-dependent: case ${v.differs + 1} of a ${cases.length}-case sequence run as one batch is wrong, and it is right alone: ${what}`;
  const c = cases[v.differs]!;
  const failure: Failure =
    'violation' in v
      ? { kind: 'violation', violation: { ...v.violation, message } }
      : { kind: 'backend', message, case: c, hung: v.failure.hung, cause: v.failure.kind };
  return { ...failure, shrinks, trial, sequence: { cases, differs: v.differs } };
}

/**
 * Replays the sequence `cases` (which failed once as a batch) `runs` times: order-dependent and
 * shrunk when it fails every time, else flaky with `alone` and the batch counts.
 */
async function settleSequence(backend: Backend, cases: Case[], failure: Failure, trial: unknown, alone: Flakiness['alone'], opts: RunOptions): Promise<Settled> {
  const runs = replaysOf(opts);
  let verdict: SequenceVerdict | null = null;
  const failed = await countFailures(runs, async () => {
    const v = await runSequence(backend, cases, opts);
    verdict ??= v;
    return v !== null;
  });
  if (failed < runs || !verdict) return flaky(failure, trial, { alone, batch: { failed, runs, cases: cases.length } });
  const s = await shrinkSequence(backend, cases, verdict, opts);
  const again = await countFailures(runs, async () => (await runSequence(backend, s.cases, opts)) !== null);
  if (again < runs) return flaky(failure, trial, { alone, batch: { failed: again, runs, cases: s.cases.length } });
  return orderDependent(s.cases, s.verdict, s.steps, trial);
}

/** Confirms, shrinks and classifies the failure `found` of `trial`; see the file comment. */
export async function settle(prop: Property, backend: Backend, trial: fc.Value<unknown>, found: Found, opts: RunOptions, how: { shrink: boolean } = { shrink: true }): Promise<Settled> {
  const runs = replaysOf(opts);
  const cases = casesOf(prop, trial.value, opts);
  // a harness property submits no case: pure code, nothing to replay
  if (cases.length === 0) return { ...found.failure, shrinks: 0, trial: trial.value };
  const aloneFailed = await countFailures(runs, async () => (await firstFailure(prop, backend, [trial.value], opts, false)) !== null);
  const alone = { failed: aloneFailed, runs };
  if (aloneFailed === 0) {
    const batch = [...found.before.flatMap((t) => casesOf(prop, t, opts)), ...cases];
    return settleSequence(backend, batch, found.failure, trial.value, alone, opts);
  }
  if (aloneFailed < runs) return flaky(found.failure, trial.value, { alone });
  // a fixed case (corpus, exhaustive) is already the one to look at
  const s = how.shrink ? await shrinkTrial(prop, backend, trial, found, opts) : { trial, found, shrinks: 0 };
  const shrunkCases = casesOf(prop, s.trial.value, opts);
  if (s.found.before.length > 0) {
    // the shrunk trial failed after other candidates in its batch: does it fail alone?
    const still = await countFailures(runs, async () => (await firstFailure(prop, backend, [s.trial.value], opts, false)) !== null);
    if (still === 0) return settleSequence(backend, [...s.found.before.flatMap((t) => casesOf(prop, t, opts)), ...shrunkCases], s.found.failure, s.trial.value, { failed: 0, runs }, opts);
    if (still < runs) return flaky(s.found.failure, s.trial.value, { alone: { failed: still, runs } });
  }
  const plain: Settled = { ...s.found.failure, shrinks: s.shrinks, trial: s.trial.value };
  const c = failureCase(s.found.failure);
  if (!c) return plain;
  // the report names one case and its replay runs that case alone: it must fail so
  const caseFailed = await countFailures(runs, () => caseFailsAlone(backend, c, opts));
  if (caseFailed === runs) return plain;
  if (caseFailed > 0) return flaky(s.found.failure, s.trial.value, { alone: { failed: caseFailed, runs } });
  // the trial fails, its case alone does not: the trial's own cases are the sequence
  if (await runSequence(backend, shrunkCases, opts)) return settleSequence(backend, shrunkCases, s.found.failure, s.trial.value, { failed: 0, runs }, opts);
  // the property sees what the model does not (a harness or spec question, not the backend's order)
  return plain;
}
