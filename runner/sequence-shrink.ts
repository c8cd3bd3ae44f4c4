/**
 * Shrinking an order-dependent failure: delta debugging over the sequence (which cases are
 * needed, order kept), then each remaining case's SQE fields toward zero, one field at a time,
 * staying inside the spec's domain. Every candidate runs as one batch and must still fail.
 */
import type { Backend } from './backend.js';
import type { Case } from '../properties/case.js';
import { defaultContext, type RingContext } from '../spec/context.js';
import { SQE_LAYOUT, type Sqe } from '../spec/sqe-layout.js';
import { ddmin } from './ddmin.js';
import type { RunOptions } from './options.js';
import { runSequence, type SequenceVerdict } from './sequence-run.js';

/** The minimal sequence found, the verdict of its last run, the candidates tried and the steps taken. */
export interface ShrunkSequence {
  cases: Case[];
  verdict: SequenceVerdict;
  tests: number;
  /** Candidates accepted: cases dropped (as chunks), fields zeroed, contexts simplified. */
  steps: number;
}

/** Shrinks `cases`, which fail as a batch with `verdict`; bounded like shrinking a trial. */
export async function shrinkSequence(backend: Backend, cases: readonly Case[], verdict: SequenceVerdict, opts: RunOptions): Promise<ShrunkSequence> {
  const stopAt = Math.min(performance.now() + (opts.shrinkTimeMs ?? 10_000), opts.deadline ?? Infinity);
  const maxTests = opts.maxShrinks ?? 50_000;
  let last = verdict;
  const fails = async (xs: readonly Case[]): Promise<boolean> => {
    const v = await runSequence(backend, xs, opts);
    if (v) last = v;
    return v !== null;
  };
  // the cases after the first wrong one cannot be needed
  const prefix = cases.slice(0, verdict.differs + 1);
  const d = await ddmin(prefix, fails, { stopAt, maxTests });
  let current = d.items;
  let tests = d.tests;
  let steps = d.reductions + (prefix.length < cases.length ? 1 : 0);
  // ddmin's last test may have been a failing candidate it then discarded: run the result again
  if (!(await fails(current))) return { cases: [...prefix], verdict, tests: tests + 1, steps: 0 };
  tests++;
  for (let i = 0; i < current.length; i++) {
    for (const f of SQE_LAYOUT) {
      if (performance.now() >= stopAt || tests >= maxTests) break;
      const sqe = current[i]!.sqe;
      if (sqe[f.name] === 0 || sqe[f.name] === 0n) continue;
      const zeroed = { ...sqe, [f.name]: f.kind === 'u64' ? 0n : 0 } as Sqe;
      if (opts.domain?.(zeroed)) continue;
      const candidate = current.map((c, j) => (j === i ? { sqe: zeroed, ctx: c.ctx } : c));
      tests++;
      if (await fails(candidate)) {
        current = candidate;
        steps++;
      }
    }
  }
  // then each context toward a plain ring: a key at its default, an op id less
  for (let i = 0; i < current.length; i++) {
    // each accepted step restarts from the new context, so no step undoes an earlier one
    let stepped = true;
    while (stepped && performance.now() < stopAt && tests < maxTests) {
      stepped = false;
      for (const smaller of smallerContexts(current[i]!.ctx)) {
        if (performance.now() >= stopAt || tests >= maxTests) break;
        const candidate = current.map((c, j) => (j === i ? { sqe: c.sqe, ctx: smaller } : c));
        tests++;
        if (await fails(candidate)) {
          current = candidate;
          steps++;
          stepped = true;
          break;
        }
      }
    }
  }
  // `last` is the verdict of the last failing run, which is the current sequence's
  if (!(await fails(current))) return { cases: [...prefix], verdict, tests: tests + 1, steps: 0 };
  return { cases: current, verdict: last, tests: tests + 1, steps };
}

/** Contexts one step simpler than `ctx`: one key at its default, or one op id fewer. */
function* smallerContexts(ctx: RingContext): Generator<RingContext> {
  const plain = defaultContext();
  for (const k of ['setupFlags', 'nrBufs', 'bufSize', 'personalities'] as const) if (ctx[k] !== plain[k]) yield { ...ctx, [k]: plain[k] };
  if (ctx.ops.length > 0) yield { ...ctx, ops: [] };
  for (let i = 0; i < ctx.ops.length && ctx.ops.length > 1; i++) yield { ...ctx, ops: ctx.ops.filter((_, j) => j !== i) };
}
