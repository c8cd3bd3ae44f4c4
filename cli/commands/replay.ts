/**
 * `uring-spec replay`: re-runs reported cases (one case, a sequence, a corpus file, or the
 * counterexamples of a `check --json` report) on any backend and shows where it differs from the
 * spec's model. A sequence (docs/sequences.md) runs as one batch, in order, the way it failed.
 */
import { z } from 'zod';
import { BackendFailure, type Backend } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import { runEach } from '../../runner/run-each.js';
import { parseRingSequenceRecord, parseSequenceRecord, type Sequence } from '../../runner/sequence.js';
import { corpusCases, corpusRings, corpusSequences, readCorpusLines, type RejectedLine } from '../../corpus/corpus.js';
import { readText } from '../../corpus/file-error.js';
import { agreeWithModel } from '../../properties/checks.js';
import type { Case } from '../../properties/case.js';
import { getSpec, isStateful, type CaseSpecBundle, type SpecBundle, type StatefulBundle } from '../../registry/specs.js';
import type { StepSequence } from '../../spec/stateful/step.js';
import { runModel } from '../../model/stateful.js';
import { firstDisagreement } from '../../properties/stateful/pack.js';
import { paintFor } from '../../report/colour.js';
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';
import { probeFor, withBackend } from '../with-backend.js';
import { REPLAY_FORMATS, RING_REPLAY_FORMATS, type ReplayRow, type RingReplayRow } from '../../report/replay.js';
import { noSequences } from '../../runner/stateful-check.js';
import { BACKEND_OPTIONS, BACKEND_OPTIONS_USAGE, backendOptions } from '../backend-options.js';
import { caseFrom, caseFromOptions } from '../case-input.js';
import { EXIT } from '../exit-codes.js';
import { fileUsage } from '../files.js';

export const REPLAY_USAGE = `uring-spec replay --spec ID --backend NAME (--sqe HEX --ctx JSON|default | --sequence JSON | --corpus FILE | --report FILE)
    [--json] [--batch-timeout S] [--startup-timeout S]
  Re-runs cases on a backend and shows the difference from the model. --report takes a check --json
  report and replays its counterexamples; a sequence (docs/sequences.md), from --sequence, a report
  or the corpus, runs as one batch, in order. For a stateful spec a sequence ("run": "ring") runs
  its steps on one fresh ring, and each step is compared with the model. A corpus line that cannot be used is named on stderr
  and makes the exit code 2 (the other lines are replayed). Exit 0 all agree, 1 some differ, 2 bad usage.
${BACKEND_OPTIONS_USAGE}`;

/** What replay needs of a `check --json` report. */
const ReportSchema = z.looseObject({
  spec: z.string(),
  properties: z.array(z.looseObject({ counterexample: z.looseObject({ sqe: z.string().optional(), context: z.unknown().optional() }).nullable().optional() })),
});

/** A stateful sequence record checked against the spec's domain. */
function ringFrom(spec: StatefulBundle, value: unknown, where: string): StepSequence {
  return parseRingSequenceRecord(value, where, (s, i) => {
    const outside = spec.domain(s);
    if (outside) throw new Error(`${where}: sequence step ${i}: ${outside}`);
  }).sequence;
}

/** The sequences of a stateful spec's check --json report (its counterexamples). */
function ringsFromReport(spec: StatefulBundle, path: string): StepSequence[] {
  return reportCounterexamples(spec, path).flatMap(({ cx, where }) => {
    if (cx.sequence === undefined) throw new Error(`${where}: no "sequence" (a stateful spec's counterexample is a sequence of steps)`);
    return [ringFrom(spec, cx.sequence, where)];
  });
}

/** A sequence record checked against the spec's domain. */
function sequenceFrom(spec: CaseSpecBundle, value: unknown, where: string): Sequence {
  return parseSequenceRecord(value, where, (c, i) => {
    const outside = spec.domain(c.sqe, c.ctx);
    if (outside) throw new Error(`${where}: sequence case ${i}: ${outside}`);
  });
}

/** The counterexamples of a check --json report for `spec`, each with where it is in the file. */
function reportCounterexamples(spec: SpecBundle, path: string): { cx: { sqe?: unknown; context?: unknown; sequence?: unknown }; where: string }[] {
  const text = readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not a check --json report (not JSON: ${(e as Error).message})`);
  }
  const r = ReportSchema.safeParse(value);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path} is not a check --json report (${where})`);
  }
  if (r.data.spec !== spec.definition.id) throw new Error(`report ${path} is for spec ${r.data.spec}, not ${spec.definition.id}`);
  return r.data.properties.flatMap((p, i) => (p.counterexample ? [{ cx: p.counterexample, where: `${path}: properties[${i}].counterexample` }] : []));
}

function casesFromReport(spec: CaseSpecBundle, path: string): (Case | Sequence)[] {
  // an order-dependent failure replays as its sequence, the way it failed
  return reportCounterexamples(spec, path).map(({ cx, where }) => (cx.sequence !== undefined ? sequenceFrom(spec, cx.sequence, where) : caseFrom(spec, cx.sqe, cx.context, where)));
}

/** Replays a stateful spec's sequences, each on one ring, step by step against the model. */
async function replayRings(spec: StatefulBundle, v: Record<string, unknown>, backendName: string, opts: ReturnType<typeof backendOptions>): Promise<number> {
  if (v.sqe !== undefined) throw new UsageError(`replay: spec ${spec.definition.id} is stateful: replay a sequence of steps (--sequence JSON with "run": "ring", --corpus or --report), not --sqe`);
  let rejected: RejectedLine[] = [];
  const seqs: StepSequence[] = fileUsage('replay', () => {
    if (v.sequence !== undefined) return [ringFrom(spec, v.sequence, '--sequence')];
    if (v.corpus !== undefined) {
      const read = corpusFor(v.corpus as string);
      rejected = read.rejected;
      return corpusRings(read.entries, spec.definition.id);
    }
    return ringsFromReport(spec, v.report as string);
  });
  if (seqs.length === 0) throw new UsageError(`replay: no ${spec.definition.id} sequences in ${(v.corpus ?? v.report) as string}`);
  const format = v.json ? RING_REPLAY_FORMATS.json : RING_REPLAY_FORMATS.text;
  return withBackend(
    'replay',
    backendName,
    spec.definition.id,
    async (backend) => {
      const caps = await probeFor('replay', backend, spec.definition.id);
      const why = noSequences(backend, caps.sequences);
      if (why) throw new UsageError(`replay: ${why}`, EXIT.skipped);
      const sequences: { ring: { setupFlags: number }; rows: RingReplayRow[] }[] = [];
      for (const seq of seqs) {
        const expected = runModel(spec.model, seq);
        let got: Outcome[] | string;
        try {
          got = await backend.runSequence!(seq);
        } catch (e) {
          if (!(e instanceof BackendFailure)) throw e;
          got = `backend failure on the sequence: ${e.message.split('\n')[0]}`;
        }
        const rows = seq.steps.map((step, i): RingReplayRow => {
          if (typeof got === 'string') return { step, expected: expected[i]!, actual: null, message: got };
          return { step, expected: expected[i]!, actual: got[i]!, message: firstDisagreement([got[i]!], [expected[i]!])?.message ?? null };
        });
        sequences.push({ ring: seq.ring, rows });
      }
      process.stdout.write(format.render({ spec: spec.definition.id, backend: backend.name, sequences }, { spec, paint: paintFor(process.stdout), propertyNames: [] }));
      return sequences.some((q) => q.rows.some((r) => r.message)) ? EXIT.failed : rejected.length > 0 ? EXIT.usage : EXIT.passed;
    },
    opts,
  );
}

/** The corpus's lines, each rejected one said on stderr (a missing corpus is an error here: there is nothing to replay). */
function corpusFor(path: string): ReturnType<typeof readCorpusLines> {
  readText(path);
  const read = readCorpusLines(path);
  for (const r of read.rejected) process.stderr.write(`replay: corpus ${path}:${r.line}: ${r.error}\n`);
  if (read.rejected.length) process.stderr.write(`replay: ${read.rejected.length} corpus line${read.rejected.length === 1 ? '' : 's'} rejected\n`);
  return read;
}

/** Outcomes of the cases, or for a case that makes the backend fail, the failure's message. */
async function outcomesOrFailures(backend: Backend, cases: readonly Case[]): Promise<(Outcome | string)[]> {
  const { results } = await runEach(backend, cases);
  return results.map((r) => (r instanceof BackendFailure ? `backend failure: ${r.message.split('\n')[0]}` : r));
}

/** Outcomes of a sequence run as one batch; when the backend fails on it, the failure for every case. */
async function sequenceOutcomes(backend: Backend, cases: readonly Case[]): Promise<(Outcome | string)[]> {
  try {
    return await backend.run(cases);
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    return cases.map(() => `backend failure on the sequence: ${e.message.split('\n')[0]}`);
  }
}

/** Runs the command; returns the exit code. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('replay', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, corpus: { type: 'string' }, report: { type: 'string' }, sequence: { type: 'string' }, json: { type: 'boolean' }, ...BACKEND_OPTIONS });
  const spec = asUsage('replay', () => getSpec(required('replay', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('replay', 'backend', v.backend as string | undefined, 'e.g. --backend c-ref');
  const sources = ['sqe', 'sequence', 'corpus', 'report'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('replay: give exactly one of --sqe HEX, --sequence JSON, --corpus FILE, --report FILE');
  const opts = backendOptions('replay', v);
  if (v.ctx !== undefined && v.sqe === undefined) throw new UsageError('replay: --ctx goes with --sqe');
  if (isStateful(spec)) return replayRings(spec, v, backendName, opts);
  let rejected: RejectedLine[] = [];
  const items: (Case | Sequence)[] = fileUsage('replay', () => {
    if (v.sqe !== undefined) return [caseFromOptions('replay', spec, v.sqe as string, v.ctx as string | undefined)];
    if (v.sequence !== undefined) return [sequenceFrom(spec, v.sequence, '--sequence')];
    if (v.corpus !== undefined) {
      const read = corpusFor(v.corpus as string);
      rejected = read.rejected;
      return [...corpusSequences(read.entries, spec.definition.id), ...corpusCases(read.entries, spec.definition.id)];
    }
    return casesFromReport(spec, v.report as string);
  });
  const singles = items.filter((x): x is Case => !('cases' in x));
  const sequences = items.filter((x): x is Sequence => 'cases' in x);
  const cases = [...sequences.flatMap((q) => q.cases), ...singles];
  const labels = [...sequences.flatMap((q, k) => q.cases.map((_, j) => `sequence ${k + 1} (one batch) case ${j + 1}/${q.cases.length}`)), ...singles.map((_, i) => `case ${i + 1}/${singles.length}`)];
  if (cases.length === 0) throw new UsageError(`replay: no ${spec.definition.id} cases in ${(v.corpus ?? v.report) as string}`);
  const format = v.json ? REPLAY_FORMATS.json : REPLAY_FORMATS.text;
  return withBackend(
    'replay',
    backendName,
    spec.definition.id,
    async (backend) => {
      const caps = await probeFor('replay', backend, spec.definition.id);
      // each sequence as one batch, in order; then the single cases
      const got: (Outcome | string)[] = [];
      for (const q of sequences) got.push(...(await sequenceOutcomes(backend, q.cases)));
      if (singles.length > 0) got.push(...(await outcomesOrFailures(backend, singles)));
      const rows: ReplayRow[] = cases.map((c, i) => {
        const expected = spec.model(c);
        const g = got[i]!;
        const label = labels[i]!;
        if (typeof g === 'string') return { case: c, label, expected, actual: null, message: g };
        return { case: c, label, expected, actual: g, message: agreeWithModel(c, g, expected, { data: caps.data })?.message ?? null };
      });
      process.stdout.write(format.render({ spec: spec.definition.id, backend: backend.name, rows }, { spec, paint: paintFor(process.stdout), propertyNames: [] }));
      return rows.some((r) => r.message) ? EXIT.failed : rejected.length > 0 ? EXIT.usage : EXIT.passed;
    },
    opts,
  );
}
