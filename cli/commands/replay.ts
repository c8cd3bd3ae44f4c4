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
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';
import { probeFor, withBackend } from '../with-backend.js';
import { REPLAY_FORMATS, type ReplayRow } from '../../report/replay.js';
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
  const format = v.json ? REPLAY_FORMATS.json : REPLAY_FORMATS.text;
  return withBackend(
    'replay',
    backendName,
    spec.definition.id,
    async (backend) => {
      const caps = await probeFor('replay', backend, spec.definition.id);
      const got = await outcomesOrFailures(backend, cases);
      const rows: ReplayRow[] = cases.map((c, i) => {
        const expected = spec.model(c);
        const g = got[i]!;
        if (typeof g === 'string') return { case: c, expected, actual: null, message: g };
        return { case: c, expected, actual: g, message: agreeWithModel(c, g, expected, { data: caps.data })?.message ?? null };
      });
      process.stdout.write(format.render({ spec: spec.definition.id, backend: backend.name, rows }, { spec, paint: paintFor(process.stdout), propertyNames: [] }));
      return rows.some((r) => r.message) ? EXIT.failed : rejected.length > 0 ? EXIT.usage : EXIT.passed;
    },
    opts,
  );
}
