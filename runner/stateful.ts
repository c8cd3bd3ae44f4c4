/**
 * Running a stateful property (docs/stateful.md): fast-check draws trials (a ring and commands,
 * properties/stateful/commands.ts) from the property's seed, each trial's steps go to the backend as
 * ONE sequence request and are compared step by step with the model (runModel); fast-check's own
 * shrinking (the commands' shrinker: fewer steps, simpler steps) then gives a minimal sequence. The
 * failure is replayed before it is reported: less than every time is flaky, as for single cases.
 * A protocol violation or a backend that gave up on itself ends the check (SequenceStop).
 */
import fc from 'fast-check';
import { BackendFailure, endsTheCheck, type Backend } from './backend.js';
import { runModel, type StatefulModel } from '../model/stateful.js';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { CheckEnv } from '../properties/property.js';
import { sequenceOf, type SequenceTrial } from '../properties/stateful/commands.js';
import { firstDisagreement } from '../properties/stateful/pack.js';
import type { StatefulProperty, StepViolation } from '../properties/stateful/property.js';
import type { Step, StepSequence } from '../spec/stateful/step.js';
import { ddmin } from './ddmin.js';
import type { PropertyResult, SettledFailure, StepsFailure } from './result.js';
import { countFailures } from './sequence-run.js';
import { propertySeed } from './seed.js';

/** How a stateful property run is bounded and what it reports to. */
export interface StatefulRunOptions {
  /** The run seed (each property derives its own from it). */
  seed: number;
  /** Sequences per property. */
  runs: number;
  model: StatefulModel<unknown>;
  /** Rule id -> times fired, counted over every step of every sequence generated (not shrink candidates). */
  ruleCounts: Map<string, number>;
  env: CheckEnv;
  /** performance.now() after which no new sequence starts. */
  deadline?: number;
  /** Bound on the time spent shrinking (default 10 s). */
  shrinkTimeMs?: number;
  /** Replays of the shrunk sequence before it is reported (default 3). */
  replays?: number;
  /** Called after each sequence with the steps done so far. */
  onProgress?(stepsDone: number): void;
}

/** The backend broke the protocol or gave up on itself during a sequence: the check ends here. */
export class SequenceStop extends Error {
  constructor(
    readonly failure: BackendFailure,
    readonly sequence: StepSequence,
  ) {
    super(failure.message);
    this.name = 'SequenceStop';
  }
}

/** The outcomes of one run of a sequence; a check-ending failure becomes SequenceStop. */
async function runOnce(backend: Backend, seq: StepSequence): Promise<Outcome[] | BackendFailure> {
  if (!backend.runSequence) throw new Error(`runStatefulProperty: backend ${backend.name} cannot run sequences`);
  try {
    const got = await backend.runSequence(seq);
    if (got.length !== seq.steps.length) throw new Error(`backend ${backend.name} answered ${got.length} outcomes to a ${seq.steps.length}-step sequence`);
    return got;
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    if (endsTheCheck(e)) throw new SequenceStop(e, seq);
    return e;
  }
}

function stepsFailure(seq: StepSequence, model: ModelOutcome[], got: Outcome[][], v: StepViolation): StepsFailure {
  const n = seq.steps.length;
  return { kind: 'steps', message: `step ${v.step + 1} of ${n}: ${v.message}`, ringSequence: seq, differs: v.step, expected: model, actual: got[0]!, ...(got.length > 1 ? { again: got[1]! } : {}) };
}

/**
 * Runs `seq` as the property says (once, or several times on fresh rings) and checks it: null when
 * it passes, else the failure (the backend failing on the sequence counts against its last step).
 */
export async function judgeSequence(prop: Pick<StatefulProperty, 'runs' | 'check'>, backend: Backend, seq: StepSequence, model: StatefulModel<unknown>, env: CheckEnv, expected: ModelOutcome[] = runModel(model, seq)): Promise<StepsFailure | null> {
  const got: Outcome[][] = [];
  for (let k = 0; k < prop.runs; k++) {
    const r = await runOnce(backend, seq);
    if (r instanceof BackendFailure) {
      const n = seq.steps.length;
      return { kind: 'steps', message: `the backend failed on the ${n}-step sequence${k > 0 ? ` (run ${k + 1})` : ''}: ${r.message}`, ringSequence: seq, differs: n - 1, expected, actual: null, cause: r.kind };
    }
    got.push(r);
  }
  const v = prop.check(seq, got, expected, env);
  return v ? stepsFailure(seq, expected, got, v) : null;
}

/** The sequence-model-agreement check, for fixed sequences (corpus, replay). */
export const AGREEMENT: Pick<StatefulProperty, 'runs' | 'check'> = { runs: 1, check: (_s, got, model) => firstDisagreement(got[0]!, model) };

function stopFailure(e: SequenceStop): SettledFailure {
  const f = e.failure;
  const what = f.kind === 'protocol' ? 'protocol violation' : f.kind === 'kernel' ? 'the kernel under test failed' : f.hung ? 'the backend never answers' : 'the backend fails on everything';
  const tail = f.stderrTail && !f.message.includes(f.stderrTail) ? `; stderr: ${f.stderrTail}` : '';
  return { kind: f.kind === 'kernel' ? 'kernel' : 'protocol', message: `${what}: ${f.message}, in answer to a ${e.sequence.steps.length}-step sequence request${tail}; the check stopped here`, batch: [], stderrTail: f.stderrTail, steps: e.sequence, shrinks: 0, trial: null };
}

/**
 * Replays a failing sequence `replays` times: the failure as reported when every replay fails,
 * else marked flaky with the counts (never reported as a plain minimal sequence).
 */
async function confirm(prop: Pick<StatefulProperty, 'runs' | 'check'>, backend: Backend, f: StepsFailure, shrinks: number, opts: StatefulRunOptions): Promise<SettledFailure> {
  const runs = opts.replays ?? 3;
  const failed = await countFailures(runs, async () => (await judgeSequence(prop, backend, f.ringSequence, opts.model, opts.env)) !== null);
  if (failed === runs) return { ...f, shrinks, trial: f.ringSequence };
  const message = `nondeterministic (flaky): the ${f.ringSequence.steps.length}-step sequence failed once, then ${failed} of ${runs} replays; first seen: ${f.message}`;
  return { ...f, message, shrinks, trial: f.ringSequence, flaky: { alone: { failed, runs } } };
}

/**
 * fast-check's commands shrinker drops steps from the front and shrinks each step, but often keeps
 * steps that do not matter (after the first wrong one, or a crash's cause): delta debugging over
 * the steps (ddmin.ts, order kept, every candidate run as a sequence and required to fail) ends
 * the shrinking, within the same time bound.
 */
async function minimised(prop: Pick<StatefulProperty, 'runs' | 'check'>, backend: Backend, f: StepsFailure, opts: StatefulRunOptions): Promise<{ failure: StepsFailure; tests: number }> {
  let best = f;
  const fails = async (steps: readonly Step[]): Promise<boolean> => {
    if (steps.length === 0) return false;
    const g = await judgeSequence(prop, backend, { ...f.ringSequence, steps: [...steps] }, opts.model, opts.env);
    if (g && g.ringSequence.steps.length <= best.ringSequence.steps.length) best = g;
    return g !== null;
  };
  // a later step cannot change an earlier result: try the prefix up to the wrong step first
  let tests = 0;
  if (f.differs + 1 < f.ringSequence.steps.length) {
    tests++;
    await fails(f.ringSequence.steps.slice(0, f.differs + 1));
  }
  const r = await ddmin(best.ringSequence.steps, fails, { stopAt: performance.now() + (opts.shrinkTimeMs ?? 10_000), maxTests: 500 });
  return { failure: best, tests: tests + r.tests };
}

/** Runs one stateful property to its sequence count, its first failure, or the deadline. */
export async function runStatefulProperty(prop: StatefulProperty, backend: Backend, opts: StatefulRunOptions): Promise<PropertyResult> {
  const t0 = performance.now();
  let steps = 0;
  let sequences = 0;
  let shrinking = false;
  let shrinkStop = Infinity;
  let stop: SequenceStop | null = null;
  let last: StepsFailure | null = null;
  const predicate = async (trial: SequenceTrial): Promise<boolean> => {
    // after a check-ending failure, or past the shrink budget, every candidate "passes": fast-check
    // then ends with the smallest failing sequence found so far
    if (stop || (shrinking && performance.now() > shrinkStop)) return true;
    const seq = sequenceOf(trial);
    if (seq.steps.length === 0) return true;
    const expected = runModel(opts.model, seq);
    let f: StepsFailure | null;
    try {
      f = await judgeSequence(prop, backend, seq, opts.model, opts.env, expected);
    } catch (e) {
      if (e instanceof SequenceStop) stop = e;
      throw e;
    }
    if (!shrinking) {
      sequences++;
      steps += seq.steps.length;
      for (const m of expected) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
      opts.onProgress?.(steps);
    }
    if (f) {
      if (!shrinking) shrinkStop = performance.now() + (opts.shrinkTimeMs ?? 10_000);
      shrinking = true;
      last = f;
    }
    return f === null;
  };
  // a budget already spent runs nothing (fast-check would count an interruption before any run as a failure)
  if (opts.deadline !== undefined && performance.now() >= opts.deadline) return { name: prop.name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted: true };
  const left = opts.deadline !== undefined ? Math.max(1, Math.floor(opts.deadline - performance.now())) : undefined;
  const details = await fc.check(fc.asyncProperty(prop.arbitrary, predicate), {
    seed: propertySeed(opts.seed, prop.name),
    numRuns: opts.runs,
    ...(left !== undefined ? { interruptAfterTimeLimit: left, markInterruptAsFailure: false } : {}),
  });
  const ms = () => performance.now() - t0;
  const stopped = stop as SequenceStop | null;
  if (stopped) return { name: prop.name, status: 'failed', cases: steps, ms: ms(), interrupted: false, failure: { ...stopFailure(stopped), msToFailure: ms() } };
  const found = last as StepsFailure | null;
  if (details.failed && !found && !details.interrupted) throw details.errorInstance ?? new Error(`runStatefulProperty: ${prop.name} failed without a failure: ${String(details.errorInstance ?? '')}`);
  if (found) {
    const msToFailure = ms();
    let settled: SettledFailure;
    try {
      const m = await minimised(prop, backend, found, opts);
      settled = await confirm(prop, backend, m.failure, details.numShrinks + m.tests, opts);
    } catch (e) {
      if (!(e instanceof SequenceStop)) throw e;
      settled = stopFailure(e);
    }
    return { name: prop.name, status: 'failed', cases: steps, ms: ms(), interrupted: false, failure: { ...settled, msToFailure } };
  }
  if (details.interrupted && sequences === 0) return { name: prop.name, status: 'not-run', reason: 'the time budget was spent before it started', cases: 0, ms: 0, interrupted: true };
  return { name: prop.name, status: 'passed', cases: steps, ms: ms(), interrupted: details.interrupted };
}

/** Fixed sequences (the corpus's) replayed as the property `name`: each must agree with the model. */
export async function replayRingSequences(name: string, seqs: readonly StepSequence[], backend: Backend, opts: StatefulRunOptions): Promise<PropertyResult> {
  const t0 = performance.now();
  let steps = 0;
  try {
    for (const seq of seqs) {
      if (opts.deadline !== undefined && performance.now() > opts.deadline) return { name, status: steps ? 'passed' : 'not-run', ...(steps ? {} : { reason: 'the time budget was spent before it started' }), cases: steps, ms: performance.now() - t0, interrupted: true };
      const expected = runModel(opts.model, seq);
      const f = await judgeSequence(AGREEMENT, backend, seq, opts.model, opts.env, expected);
      for (const m of expected) opts.ruleCounts.set(m.rule, (opts.ruleCounts.get(m.rule) ?? 0) + 1);
      steps += seq.steps.length;
      opts.onProgress?.(steps);
      if (f) {
        const settled = await confirm(AGREEMENT, backend, f, 0, opts);
        const ms = performance.now() - t0;
        return { name, status: 'failed', cases: steps, ms, interrupted: false, failure: { ...settled, msToFailure: ms } };
      }
    }
  } catch (e) {
    if (!(e instanceof SequenceStop)) throw e;
    const ms = performance.now() - t0;
    return { name, status: 'failed', cases: steps, ms, interrupted: false, failure: { ...stopFailure(e), msToFailure: ms } };
  }
  return { name, status: 'passed', cases: steps, ms: performance.now() - t0, interrupted: false };
}
