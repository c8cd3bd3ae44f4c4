/**
 * `uring-spec replay`: re-runs reported cases (one case, a corpus file, or the counterexamples of a
 * `check --json` report) on any backend and shows where it differs from the spec's model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { BackendFailure, type Backend } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import { runEach } from '../../runner/run-each.js';
import { corpusCases, corpusSequences, readCorpus } from '../../corpus/corpus.js';
import { agreeWithModel } from '../../properties/checks.js';
import type { Case } from '../../properties/case.js';
import { getSpec, type SpecBundle } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { resName } from '../../spec/errno.js';
import { sqeToHex } from '../../spec/sqe.js';
import { sqeFieldLines } from '../../report/sqe-fields.js';
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';
import { probeFor, withBackend } from '../with-backend.js';
import { caseFrom, outcomeJson } from './run.js';
import { parseSequenceRecord, type Sequence } from '../../runner/sequence.js';

export const REPLAY_USAGE = `uring-spec replay --spec ID --backend NAME (--sqe HEX [--ctx JSON] | --sequence JSON | --corpus FILE | --report FILE) [--json]
  Re-runs cases on a backend and shows the difference from the model. --report takes a check --json
  report and replays its counterexamples; a sequence (docs/sequences.md), from --sequence, a report
  or the corpus, runs as one batch, in order. Exit 0 all agree, 1 some differ, 2 bad usage.`;

/** What replay needs of a `check --json` report. */
const ReportSchema = z.looseObject({
  spec: z.string(),
  properties: z.array(z.looseObject({ counterexample: z.looseObject({ sqe: z.string(), context: z.unknown() }).nullable().optional() })),
});

/** A sequence record checked against the spec's domain. */
function sequenceFrom(spec: SpecBundle, value: unknown, where: string): Sequence {
  return parseSequenceRecord(value, where, (c, i) => {
    const outside = spec.domain(c.sqe);
    if (outside) throw new Error(`${where}: sequence case ${i}: ${outside}`);
  });
}

function casesFromReport(spec: SpecBundle, path: string): (Case | Sequence)[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read report ${path}: ${(e as Error).message}`);
  }
  const r = ReportSchema.safeParse(value);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path} is not a check --json report (${where})`);
  }
  if (r.data.spec !== spec.definition.id) throw new Error(`report ${path} is for spec ${r.data.spec}, not ${spec.definition.id}`);
  return r.data.properties.flatMap((p, i) => {
    const cx = p.counterexample;
    if (!cx) return [];
    const where = `${path}: properties[${i}].counterexample`;
    // an order-dependent failure replays as its sequence, the way it failed
    return [cx.sequence !== undefined ? sequenceFrom(spec, cx.sequence, where) : caseFrom(spec, cx.sqe, cx.context, where)];
  });
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
  const { values: v } = parse('replay', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, corpus: { type: 'string' }, report: { type: 'string' }, sequence: { type: 'string' }, json: { type: 'boolean' } });
  const spec = asUsage('replay', () => getSpec(required('replay', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('replay', 'backend', v.backend as string | undefined, 'e.g. --backend c-ref');
  const sources = ['sqe', 'sequence', 'corpus', 'report'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('replay: give exactly one of --sqe HEX, --sequence JSON, --corpus FILE, --report FILE');
  const items: (Case | Sequence)[] = asUsage('replay', () => {
    if (v.sqe !== undefined) return [caseFrom(spec, v.sqe, v.ctx ?? '{}', '--sqe/--ctx')];
    if (v.sequence !== undefined) return [sequenceFrom(spec, v.sequence, '--sequence')];
    if (v.corpus !== undefined) {
      if (!existsSync(v.corpus as string)) throw new Error(`cannot read corpus ${v.corpus as string}: no such file`);
      const entries = readCorpus(v.corpus as string);
      return [...corpusSequences(entries, spec.definition.id), ...corpusCases(entries, spec.definition.id)];
    }
    return casesFromReport(spec, v.report as string);
  });
  const singles = items.filter((x): x is Case => !('cases' in x));
  const sequences = items.filter((x): x is Sequence => 'cases' in x);
  const cases = [...sequences.flatMap((q) => q.cases), ...singles];
  const labels = [...sequences.flatMap((q, k) => q.cases.map((_, j) => `sequence ${k + 1} (one batch) case ${j + 1}/${q.cases.length}`)), ...singles.map((_, i) => `case ${i + 1}/${singles.length}`)];
  if (cases.length === 0) throw new UsageError(`replay: no ${spec.definition.id} cases in ${(v.corpus ?? v.report) as string}`);
  const p = paintFor(process.stdout);
  return withBackend('replay', backendName, spec.definition.id, async (backend) => {
    const caps = await probeFor('replay', backend, spec.definition.id);
    // each sequence as one batch, in order; then the single cases
    const got: (Outcome | string)[] = [];
    for (const q of sequences) got.push(...(await sequenceOutcomes(backend, q.cases)));
    if (singles.length > 0) got.push(...(await outcomesOrFailures(backend, singles)));
    let differ = 0;
    cases.forEach((c, i) => {
      const model = spec.model(c);
      const g = got[i]!;
      const failure = typeof g === 'string' ? g : null;
      const v2 = typeof g === 'string' ? null : agreeWithModel(c, g, model, { data: caps.data });
      const message = failure ?? v2?.message ?? null;
      if (message) differ++;
      if (v.json) {
        process.stdout.write(JSON.stringify({ sqe: sqeToHex(c.sqe), ctx: c.ctx, expected: outcomeJson(model), actual: typeof g === 'string' ? null : outcomeJson(g), agree: !message, message }) + '\n');
        return;
      }
      process.stdout.write(`${message ? p.red('DIFFERS') : p.green('agrees')}  ${labels[i]}: sqe ${sqeToHex(c.sqe)}\n`);
      process.stdout.write(`  ctx ${JSON.stringify(c.ctx)}\n`);
      const gotText = typeof g === 'string' ? '(no outcome)' : `${g.res} ${resName(g.res)}${g.rule ? ` (${g.rule})` : ''}`;
      process.stdout.write(`  expected ${model.res} ${resName(model.res)} (${model.rule})\n  got      ${gotText}\n`);
      if (message) {
        process.stdout.write(`  ${p.red(message)}\n`);
        for (const l of sqeFieldLines(c.sqe)) process.stdout.write(`    ${l}\n`);
      }
    });
    if (!v.json) process.stdout.write(`${cases.length - differ} agree, ${differ} differ (${backend.name} vs the ${spec.definition.id} model)\n`);
    return differ > 0 ? 1 : 0;
  });
}
