/**
 * `uring-spec replay`: re-runs reported cases (one case, a corpus file, or the counterexamples of a
 * `check --json` report) on any backend and shows where it differs from the spec's model.
 */
import { readFileSync } from 'node:fs';
import { BackendStartError } from '../../backends/backend.js';
import { parseBackend } from '../../backends/registry.js';
import { corpusCases, readCorpus } from '../../corpus/corpus.js';
import { agreeWithModel } from '../../properties/checks.js';
import type { Case } from '../../properties/case.js';
import { getSpec, type SpecBundle } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { resName } from '../../spec/errno.js';
import { sqeToHex } from '../../spec/sqe.js';
import { sqeFieldLines } from '../../report/sqe-fields.js';
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';
import { caseFrom, outcomeJson } from './run.js';

export const REPLAY_USAGE = `uring-spec replay --spec ID --backend NAME (--sqe HEX [--ctx JSON] | --corpus FILE | --report FILE) [--json]
  Re-runs cases on a backend and shows the difference from the model. --report takes a check --json
  report and replays its counterexamples. Exit 0 all agree, 1 some differ, 2 bad usage.`;

function casesFromReport(spec: SpecBundle, path: string): Case[] {
  let report: { spec?: string; properties?: { counterexample?: { sqe: string; context: unknown } | null }[] };
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read report ${path}: ${(e as Error).message}`);
  }
  if (report.spec && report.spec !== spec.definition.id) throw new Error(`report ${path} is for spec ${report.spec}, not ${spec.definition.id}`);
  return (report.properties ?? []).flatMap((p) => (p.counterexample ? [caseFrom(spec, p.counterexample.sqe, p.counterexample.context, path)] : []));
}

/** Runs the command; returns the exit code. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('replay', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, corpus: { type: 'string' }, report: { type: 'string' }, json: { type: 'boolean' } });
  const spec = asUsage('replay', () => getSpec(required('replay', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('replay', 'backend', v.backend as string | undefined, 'e.g. --backend c-ref');
  const sources = ['sqe', 'corpus', 'report'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('replay: give exactly one of --sqe HEX, --corpus FILE, --report FILE');
  const cases = asUsage('replay', () => {
    if (v.sqe !== undefined) return [caseFrom(spec, v.sqe, v.ctx ?? '{}', '--sqe/--ctx')];
    if (v.corpus !== undefined) return corpusCases(readCorpus(v.corpus as string), spec.definition.id);
    return casesFromReport(spec, v.report as string);
  });
  if (cases.length === 0) throw new UsageError(`replay: no ${spec.definition.id} cases in ${(v.corpus ?? v.report) as string}`);
  const backend = asUsage('replay', () => parseBackend(backendName, spec.definition.id));
  const p = paintFor(process.stdout);
  try {
    const caps = await backend.probe();
    if (!caps.specs.includes(spec.definition.id)) throw new UsageError(`replay: backend ${backend.name} cannot run ${spec.definition.id}: ${caps.unsupported[spec.definition.id] ?? 'not implemented'}`);
    const got = await backend.run(cases);
    let differ = 0;
    cases.forEach((c, i) => {
      const model = spec.model(c);
      const v2 = agreeWithModel(c, got[i]!, model, { data: caps.data });
      if (v2) differ++;
      if (v.json) {
        process.stdout.write(JSON.stringify({ sqe: sqeToHex(c.sqe), ctx: c.ctx, expected: outcomeJson(model), actual: outcomeJson(got[i]!), agree: !v2, message: v2?.message ?? null }) + '\n');
        return;
      }
      process.stdout.write(`${v2 ? p.red('DIFFERS') : p.green('agrees')}  case ${i + 1}/${cases.length}: sqe ${sqeToHex(c.sqe)}\n`);
      process.stdout.write(`  ctx ${JSON.stringify(c.ctx)}\n`);
      process.stdout.write(`  expected ${model.res} ${resName(model.res)} (${model.rule})\n  got      ${got[i]!.res} ${resName(got[i]!.res)}${got[i]!.rule ? ` (${got[i]!.rule})` : ''}\n`);
      if (v2) {
        process.stdout.write(`  ${p.red(v2.message)}\n`);
        for (const l of sqeFieldLines(c.sqe)) process.stdout.write(`    ${l}\n`);
      }
    });
    if (!v.json) process.stdout.write(`${cases.length - differ} agree, ${differ} differ (${backend.name} vs the ${spec.definition.id} model)\n`);
    return differ > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof BackendStartError) throw new UsageError(`replay: ${e.message}`);
    throw e;
  } finally {
    await backend.close();
  }
}
