/**
 * `uring-spec replay`: re-runs reported cases (one case, a corpus file, or the counterexamples of a
 * `check --json` report) on any backend and shows where it differs from the spec's model.
 */
import { z } from 'zod';
import { BackendFailure, type Backend } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import { runEach } from '../../runner/run-each.js';
import { corpusCases, readCorpusLines, type RejectedLine } from '../../corpus/corpus.js';
import { readText } from '../../corpus/file-error.js';
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
import { outcomeJson } from './run.js';
import { BACKEND_OPTIONS, BACKEND_OPTIONS_USAGE, backendOptions } from '../backend-options.js';
import { caseFrom, caseFromOptions } from '../case-input.js';
import { EXIT } from '../exit-codes.js';
import { fileUsage } from '../files.js';

export const REPLAY_USAGE = `uring-spec replay --spec ID --backend NAME (--sqe HEX --ctx JSON|default | --corpus FILE | --report FILE)
    [--json] [--batch-timeout S] [--startup-timeout S]
  Re-runs cases on a backend and shows the difference from the model. --report takes a check --json
  report and replays its counterexamples. A corpus line that cannot be used is named on stderr and
  makes the exit code 2 (the other lines are replayed). Exit 0 all agree, 1 some differ, 2 bad usage.
${BACKEND_OPTIONS_USAGE}`;

/** What replay needs of a `check --json` report. */
const ReportSchema = z.looseObject({
  spec: z.string(),
  properties: z.array(z.looseObject({ counterexample: z.looseObject({ sqe: z.string(), context: z.unknown() }).nullable().optional() })),
});

function casesFromReport(spec: SpecBundle, path: string): Case[] {
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
  return r.data.properties.flatMap((p, i) => (p.counterexample ? [caseFrom(spec, p.counterexample.sqe, p.counterexample.context, `${path}: properties[${i}].counterexample`)] : []));
}

/** Outcomes of the cases, or for a case that makes the backend fail, the failure's message. */
async function outcomesOrFailures(backend: Backend, cases: readonly Case[]): Promise<(Outcome | string)[]> {
  const { results } = await runEach(backend, cases);
  return results.map((r) => (r instanceof BackendFailure ? `backend failure: ${r.message.split('\n')[0]}` : r));
}

/** Runs the command; returns the exit code. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('replay', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, corpus: { type: 'string' }, report: { type: 'string' }, json: { type: 'boolean' }, ...BACKEND_OPTIONS });
  const spec = asUsage('replay', () => getSpec(required('replay', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('replay', 'backend', v.backend as string | undefined, 'e.g. --backend c-ref');
  const sources = ['sqe', 'corpus', 'report'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('replay: give exactly one of --sqe HEX, --corpus FILE, --report FILE');
  const opts = backendOptions('replay', v);
  if (v.ctx !== undefined && v.sqe === undefined) throw new UsageError('replay: --ctx goes with --sqe');
  let rejected: RejectedLine[] = [];
  const cases = fileUsage('replay', () => {
    if (v.sqe !== undefined) return [caseFromOptions('replay', spec, v.sqe as string, v.ctx as string | undefined)];
    if (v.corpus !== undefined) {
      const path = v.corpus as string;
      readText(path); // a missing corpus is an error here: there is nothing to replay
      const read = readCorpusLines(path);
      rejected = read.rejected;
      for (const r of rejected) process.stderr.write(`replay: corpus ${path}:${r.line}: ${r.error}\n`);
      if (rejected.length) process.stderr.write(`replay: ${rejected.length} corpus line${rejected.length === 1 ? '' : 's'} rejected\n`);
      return corpusCases(read.entries, spec.definition.id);
    }
    return casesFromReport(spec, v.report as string);
  });
  if (cases.length === 0) throw new UsageError(`replay: no ${spec.definition.id} cases in ${(v.corpus ?? v.report) as string}`);
  const p = paintFor(process.stdout);
  return withBackend(
    'replay',
    backendName,
    spec.definition.id,
    async (backend) => {
    const caps = await probeFor('replay', backend, spec.definition.id);
    const got = await outcomesOrFailures(backend, cases);
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
      process.stdout.write(`${message ? p.red('DIFFERS') : p.green('agrees')}  case ${i + 1}/${cases.length}: sqe ${sqeToHex(c.sqe)}\n`);
      process.stdout.write(`  ctx ${JSON.stringify(c.ctx)}\n`);
      const gotText = typeof g === 'string' ? '(no outcome)' : `${g.res} ${resName(g.res)}${g.rule ? ` (${g.rule})` : ''}`;
      process.stdout.write(`  expected ${model.res} ${resName(model.res)} (${model.rule})\n  got      ${gotText}\n`);
      if (message) {
        process.stdout.write(`  ${p.red(message)}\n`);
        for (const l of sqeFieldLines(c.sqe)) process.stdout.write(`    ${l}\n`);
      }
    });
    if (!v.json) process.stdout.write(`${cases.length - differ} agree, ${differ} differ (${backend.name} vs the ${spec.definition.id} model)\n`);
    return differ > 0 ? EXIT.failed : rejected.length > 0 ? EXIT.usage : EXIT.passed;
    },
    opts,
  );
}
