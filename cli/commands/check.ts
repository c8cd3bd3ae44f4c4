/** `uring-spec check`: every property of a spec against a backend, with CI reports and a corpus. */
import { writeFileSync } from 'node:fs';
import { appendCorpus, corpusCases, corpusEntry, DEFAULT_CORPUS, readCorpus } from '../../corpus/corpus.js';
import { checkSpec, type CheckResult } from '../../runner/check.js';
import { freshSeed } from '../../runner/seed.js';
import type { Case } from '../../properties/case.js';
import { getSpec } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { checkReport, withRuleCoverage, type CheckReport } from '../../report/json.js';
import { junitXml } from '../../report/junit.js';
import { summaryMarkdown } from '../../report/summary.js';
import { checkText } from '../../report/text.js';
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';
import { intOption, parse, required, seedOption } from '../args.js';
import type { Shard } from '../../runner/shard.js';
import { progressLine } from '../progress.js';
import { withBackend } from '../with-backend.js';
import { githubOutput } from '../github.js';
import { asUsage, UsageError } from '../usage-error.js';

export const CHECK_USAGE = `uring-spec check --spec ID --backend NAME [--runs N] [--seed S] [--json]
    [--junit FILE] [--summary FILE] [--corpus FILE | --no-corpus] [--min-rule-hits K]
    [--exhaustive] [--time-budget SECONDS] [--shard I/N] [--batch-size N] [--reporter github]
  Runs every property of the spec against the backend (--runs: cases per property, default 1000),
  replaying the regression corpus first (default ${DEFAULT_CORPUS}; failing cases are added to it).
  --exhaustive enumerates the spec's equivalence classes instead of sampling.
  --reporter github (default when GITHUB_ACTIONS=true): failures as ::error annotations, the
  Markdown summary appended to $GITHUB_STEP_SUMMARY.
  Exit 0 passed or skipped, 1 a property failed (or a rule fired fewer than K times), 2 bad usage.`;

function shardOption(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new UsageError(`check: --shard takes I/N (0 <= I < N), e.g. 0/4, got '${value}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new UsageError(`check: --shard ${value}: need 0 <= I < N`);
  return { index, count };
}

/** Failing cases of a result, with the property that found each and what went wrong. */
function failures(r: CheckResult): { case: Case; property: string; message: string }[] {
  const out: { case: Case; property: string; message: string }[] = [];
  for (const p of r.properties) {
    if (!('failure' in p) || !p.failure) continue;
    const f = p.failure;
    if (f.kind === 'violation') out.push({ case: f.violation.case, property: p.name, message: f.violation.message });
    else if (f.kind === 'backend') out.push({ case: f.case, property: p.name, message: f.message });
  }
  return out;
}

/** Runs the command; returns the exit code. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('check', argv, {
    spec: { type: 'string' },
    backend: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    summary: { type: 'string' },
    corpus: { type: 'string' },
    'no-corpus': { type: 'boolean' },
    'min-rule-hits': { type: 'string' },
    exhaustive: { type: 'boolean' },
    'time-budget': { type: 'string' },
    shard: { type: 'string' },
    'batch-size': { type: 'string' },
    reporter: { type: 'string' },
  });
  const str = (k: string) => v[k] as string | undefined;
  const spec = asUsage('check', () => getSpec(required('check', 'spec', str('spec'), 'e.g. --spec bpf@v1')));
  const backendName = required('check', 'backend', str('backend'), 'e.g. --backend model');
  const runs = intOption('check', 'runs', str('runs'), 1000, 1);
  const seed = seedOption('check', str('seed')) ?? freshSeed();
  const batchSize = intOption('check', 'batch-size', str('batch-size'), 256, 1, 4096);
  const budget = str('time-budget') === undefined ? undefined : intOption('check', 'time-budget', str('time-budget'), 0, 1);
  const minHits = str('min-rule-hits') === undefined ? undefined : intOption('check', 'min-rule-hits', str('min-rule-hits'), 0, 0);
  const shard = shardOption(str('shard'));
  if (v.exhaustive && !spec.exhaustive) throw new UsageError(`check: spec ${spec.definition.id} has no exhaustive enumeration`);
  if (v.corpus !== undefined && v['no-corpus']) throw new UsageError('check: --corpus and --no-corpus exclude each other');
  const corpusPath = v['no-corpus'] ? null : (str('corpus') ?? DEFAULT_CORPUS);
  const corpus = corpusPath ? asUsage('check', () => corpusCases(readCorpus(corpusPath), spec.definition.id)) : [];
  // report files are opened before the run, so a bad path fails now, not after an hour of cases
  for (const [flag, file] of [['junit', str('junit')], ['summary', str('summary')]] as const) {
    if (file === undefined) continue;
    try {
      writeFileSync(file, '');
    } catch (e) {
      throw new UsageError(`check: --${flag} ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const github = githubOutput('check', str('reporter'), Boolean(v.json));
  const progress = progressLine(process.stderr, spec.definition.rules.length);
  return withBackend('check', backendName, spec.definition.id, async (backend) => {
    let result;
    try {
      result = await checkSpec(spec, backend, { seed, runs, batchSize, timeBudget: budget, shard, corpus, exhaustive: Boolean(v.exhaustive), onProgress: (p) => progress.update(p) });
    } finally {
      progress.done();
    }
    let report: CheckReport = checkReport(spec, result);
    if (minHits !== undefined) report = withRuleCoverage(report, minHits);
    if (corpusPath && result.status === 'failed') {
      const found = new Date().toISOString();
      const entries = failures(result).map((f) => corpusEntry(spec.definition.id, f.case, { property: f.property, backend: backend.name, seed, message: f.message, found }));
      appendCorpus(corpusPath, entries);
    }
    const junitFile = str('junit');
    if (junitFile) writeFileSync(junitFile, junitXml([report], () => [...spec.properties, ...HARNESS_PROPERTIES].map((p) => p.name)));
    const summaryFile = str('summary');
    if (summaryFile) writeFileSync(summaryFile, summaryMarkdown(spec, report));
    if (v.json) process.stdout.write(JSON.stringify(report) + '\n');
    else process.stdout.write(checkText(spec, report, paintFor(process.stdout)) + '\n');
    github?.emit(spec, report);
    return report.status === 'failed' ? 1 : 0;
  });
}
