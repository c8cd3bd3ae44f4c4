/** `uring-spec check`: every property of a spec against a backend, with CI reports and a corpus. */
import { appendCorpus, corpusCases, corpusEntry, corpusRings, corpusSequences, DEFAULT_CORPUS, readCorpusLines, ringCorpusEntry, type AnyCorpusEntry } from '../../corpus/corpus.js';
import { writeText } from '../../corpus/file-error.js';
import { sequenceRecord, type Sequence } from '../../runner/sequence.js';
import { checkPropertyNames, checkSpec, type CheckResult } from '../../runner/check.js';
import type { PropertyResult } from '../../runner/runner.js';
import { freshSeed } from '../../runner/seed.js';
import type { Case } from '../../properties/case.js';
import { getSpec, isStateful, type SpecBundle } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { checkReport, withRuleCoverage, type CheckReport } from '../../report/json.js';
import { FORMATS } from '../../report/formats.js';
import type { FormatContext } from '../../report/format.js';
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';
import { intOption, parse, required, seedOption } from '../args.js';
import { BACKEND_OPTIONS, BACKEND_OPTIONS_USAGE, backendOptions } from '../backend-options.js';
import { EXIT } from '../exit-codes.js';
import { fileUsage } from '../files.js';
import { onInterrupt } from '../interrupt.js';
import type { Shard } from '../../runner/shard.js';
import { progressLine } from '../progress.js';
import { checkExitCode } from '../verdict.js';
import { withBackend } from '../with-backend.js';
import { githubOutput } from '../github.js';
import { asUsage, UsageError } from '../usage-error.js';

export const CHECK_USAGE = `uring-spec check --spec ID --backend NAME [--runs N] [--seed S] [--json]
    [--junit FILE] [--summary FILE] [--corpus FILE | --no-corpus] [--min-rule-hits K]
    [--exhaustive] [--time-budget SECONDS] [--shard I/N] [--batch-size N]
    [--allow-skip] [--allow-partial] [--batch-timeout S] [--startup-timeout S] [--reporter github]
  Runs every property of the spec against the backend (--runs: cases per property, default 1000),
  replaying the regression corpus first (default ${DEFAULT_CORPUS}; failing cases are added to it).
  --exhaustive enumerates the spec's equivalence classes instead of sampling.
  --allow-skip: exit 0, not 77, when the backend cannot run the spec here.
  --allow-partial: exit 0, not 1, when --time-budget left properties unrun.
  --reporter github (default when GITHUB_ACTIONS=true): failures as ::error annotations, the
  Markdown summary appended to $GITHUB_STEP_SUMMARY.
${BACKEND_OPTIONS_USAGE}
  The report is printed (and written) before the corpus; a corpus that cannot be written is a warning.`;

function shardOption(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new UsageError(`check: --shard takes I/N (0 <= I < N), e.g. 0/4, got '${value}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new UsageError(`check: --shard ${value}: need 0 <= I < N`);
  return { index, count };
}

/** The corpus entries of a result's failures, each with the property that found it and what went wrong. */
function corpusEntries(r: CheckResult, backend: string, found: string): AnyCorpusEntry[] {
  const out: AnyCorpusEntry[] = [];
  for (const p of r.properties) {
    if (!('failure' in p) || !p.failure) continue;
    const f = p.failure;
    // a flaky failure would not replay as a regression, and an adapter failing on everything has no case to keep
    if (f.flaky || (f.kind === 'backend' && f.everyCase)) continue;
    const where = { property: p.name, backend, seed: r.seed, found };
    const sequence = f.sequence ? { sequence: sequenceRecord(f.sequence) } : {};
    if (f.kind === 'violation') out.push(corpusEntry(r.spec, f.violation.case, { ...where, message: f.violation.message, ...sequence }));
    else if (f.kind === 'backend') out.push(corpusEntry(r.spec, f.case, { ...where, message: f.message, ...sequence }));
    else if (f.kind === 'steps') out.push(ringCorpusEntry(r.spec, f.ringSequence, f.differs, { ...where, message: f.message }));
  }
  return out;
}

/** What ended before a signal or an internal error, as a result: the rest marked not run. */
function partialResult(spec: SpecBundle, backend: string, seed: number, t0: number, done: readonly PropertyResult[], why: string): CheckResult {
  const names = checkPropertyNames(spec);
  const ended = new Set(done.map((r) => r.name));
  const rest: PropertyResult[] = names.filter((n) => !ended.has(n)).map((name) => ({ name, status: 'not-run', reason: why, cases: 0, ms: 0, interrupted: true }));
  return {
    spec: spec.definition.id,
    backend,
    status: done.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    seed,
    cases: done.reduce((a, r) => a + r.cases, 0),
    ms: performance.now() - t0,
    interrupted: true,
    properties: [...done, ...rest],
    rules: Object.fromEntries(spec.definition.rules.map((r) => [r.id, 0])),
    capabilities: null,
  };
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
    'allow-skip': { type: 'boolean' },
    'allow-partial': { type: 'boolean' },
    ...BACKEND_OPTIONS,
    reporter: { type: 'string' },
  });
  const str = (k: string) => v[k] as string | undefined;
  const spec = asUsage('check', () => getSpec(required('check', 'spec', str('spec'), 'e.g. --spec bpf@v1')));
  const backendName = required('check', 'backend', str('backend'), 'e.g. --backend model');
  const runs = intOption('check', 'runs', str('runs'), 1000, 1);
  const seed = seedOption('check', str('seed')) ?? freshSeed();
  // unset: the backend's preferred batch (hello key preferredBatch), else 256
  const batchSize = str('batch-size') === undefined ? undefined : intOption('check', 'batch-size', str('batch-size'), 256, 1, 4096);
  const budget = str('time-budget') === undefined ? undefined : intOption('check', 'time-budget', str('time-budget'), 0, 1);
  const minHits = str('min-rule-hits') === undefined ? undefined : intOption('check', 'min-rule-hits', str('min-rule-hits'), 0, 0);
  const shard = shardOption(str('shard'));
  const backendOpts = backendOptions('check', v);
  if (v.exhaustive && (isStateful(spec) || !spec.exhaustive)) throw new UsageError(`check: spec ${spec.definition.id} has no exhaustive enumeration`);
  if (v.corpus !== undefined && v['no-corpus']) throw new UsageError('check: --corpus and --no-corpus exclude each other');
  const corpusPath = v['no-corpus'] ? null : (str('corpus') ?? DEFAULT_CORPUS);
  const read = corpusPath ? fileUsage('check', () => readCorpusLines(corpusPath)) : { entries: [], rejected: [] };
  // a bad corpus line costs that line: the rest is replayed, and the run exits 2 unless it failed
  for (const r of read.rejected) process.stderr.write(`check: corpus ${corpusPath}:${r.line}: ${r.error}\n`);
  if (read.rejected.length) process.stderr.write(`check: ${read.rejected.length} corpus line${read.rejected.length === 1 ? '' : 's'} rejected\n`);
  const corpus = corpusCases(read.entries, spec.definition.id);
  const corpusSeqs = corpusSequences(read.entries, spec.definition.id);
  const rings = corpusRings(read.entries, spec.definition.id);
  // report files are opened before the run, so a bad path fails now, not after an hour of cases
  const files = [['junit', str('junit'), FORMATS.junit!], ['summary', str('summary'), FORMATS.markdown!]] as const;
  for (const [flag, file] of files) if (file !== undefined) fileUsage('check', () => writeText(file, ''), `--${flag}: `);
  const ctx: FormatContext = { spec, paint: paintFor(process.stdout), propertyNames: checkPropertyNames(spec) };
  const stdoutFormat = v.json ? FORMATS.json! : FORMATS.text!;

  /** Every report, stdout first; a report file that cannot be written now is a warning (the run's output is already out). */
  const writeReports = (report: CheckReport): boolean => {
    process.stdout.write(stdoutFormat.render(report, ctx));
    let ok = true;
    for (const [flag, file, format] of files) {
      if (file === undefined) continue;
      try {
        writeText(file, format.render(report, ctx));
      } catch (e) {
        ok = false;
        process.stderr.write(`check: warning: --${flag}: ${(e as Error).message}\n`);
      }
    }
    return ok;
  };

  const github = githubOutput('check', str('reporter'), Boolean(v.json));
  const progress = progressLine(process.stderr, spec.definition.rules.length);
  const done: PropertyResult[] = [];
  const t0 = performance.now();
  return withBackend(
    'check',
    backendName,
    spec.definition.id,
    async (backend) => {
      const stopReporting = onInterrupt((signal) => {
        progress.done();
        const partial = checkReport(spec, partialResult(spec, backend.name, seed, t0, done, `interrupted by ${signal}`));
        writeReports({ ...partial, status: partial.status === 'failed' ? 'failed' : 'interrupted', interruptedBy: signal });
      });
      let result: CheckResult;
      try {
        result = await checkSpec(spec, backend, { seed, runs, batchSize, timeBudget: budget, shard, corpus, corpusSequences: corpusSeqs, corpusRings: rings, exhaustive: Boolean(v.exhaustive), onProgress: (p) => progress.update(p), onResult: (r) => done.push(r) });
      } catch (e) {
        // whatever ended before the error is still a report worth having
        if (done.length > 0 && !(e instanceof UsageError)) writeReports(checkReport(spec, partialResult(spec, backend.name, seed, t0, done, 'the run ended with an internal error')));
        throw e;
      } finally {
        progress.done();
        stopReporting();
      }
      let report: CheckReport = checkReport(spec, result);
      if (minHits !== undefined) report = withRuleCoverage(report, minHits);
      const filesOk = writeReports(report);
      github?.emit(spec, report);
      if (corpusPath && result.status === 'failed') {
        const entries = corpusEntries(result, backend.name, new Date().toISOString());
        try {
          appendCorpus(corpusPath, entries);
        } catch (e) {
          process.stderr.write(`check: warning: the failing cases were not added to the corpus: ${(e as Error).message}\n`);
        }
      }
      const code = checkExitCode(report, { allowSkip: Boolean(v['allow-skip']), allowPartial: Boolean(v['allow-partial']), offline: HARNESS_PROPERTIES.map((p) => p.name) });
      // a green run whose CI files are missing, or whose corpus had bad lines, is not green
      if (code === EXIT.passed && (!filesOk || read.rejected.length > 0)) return EXIT.usage;
      return code;
    },
    backendOpts,
  );
}
