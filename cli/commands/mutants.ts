/**
 * `uring-spec mutants`: the kill matrix. The C reference must pass and every deliberately broken
 * mutant of it must be caught: the harness proving it can find real bugs.
 */
import { killMatrix, medianMsToKill } from '../../backends/kill-matrix.js';
import { freshSeed } from '../../runner/seed.js';
import { getSpec } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { intOption, parse, required, seedOption } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';

export const MUTANTS_USAGE = `uring-spec mutants --spec ID [--runs N] [--seed S] [--json]
  Checks the C reference and every mutant of it (--runs cases per property, default 1000).
  Exit 0 only when the reference passes and every mutant is killed.`;

/** Runs the command; returns the exit code. */
export async function mutantsCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('mutants', argv, { spec: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } });
  const spec = asUsage('mutants', () => getSpec(required('mutants', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const runs = intOption('mutants', 'runs', v.runs as string | undefined, 1000, 1);
  const seed = seedOption('mutants', v.seed as string | undefined) ?? freshSeed();
  if (spec.definition.id !== 'bpf@v1') throw new UsageError(`mutants: the C reference and its mutants implement bpf@v1 only, not ${spec.definition.id}`);
  const { reference, mutants: rows } = await killMatrix(spec, seed, runs);
  const killed = rows.filter((r) => r.killed).length;
  const ok = reference.status === 'passed' && killed === rows.length;
  const median = medianMsToKill(rows);
  if (v.json) {
    process.stdout.write(JSON.stringify({ spec: spec.definition.id, seed, runs, reference: { status: reference.status, cases: reference.cases }, mutants: rows, killed, total: rows.length, medianMsToKill: median }) + '\n');
    return ok ? 0 : 1;
  }
  const p = paintFor(process.stdout);
  process.stdout.write(p.bold(`uring-spec mutants: spec ${spec.definition.id}, seed ${seed}, ${runs} cases per property\n`));
  process.stdout.write(`reference c-ref: ${reference.status === 'passed' ? p.green('passed') : p.red(reference.status)} (${reference.cases} cases)\n`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const mark = r.killed ? p.green('killed  ') : p.red('SURVIVED');
    process.stdout.write(`  ${mark} ${r.name.padEnd(w)}  ${r.killed ? `${String(r.msToKill).padStart(7)} ms  by ${r.killedBy.join(', ')}` : r.description}\n`);
    if (r.counterexample) process.stdout.write(`           ${p.dim(`${r.counterexample.message}; replay: ${r.counterexample.replay}`)}\n`);
  }
  process.stdout.write(`${killed}/${rows.length} mutants killed; median time to kill ${median ?? '-'} ms\n`);
  return ok ? 0 : 1;
}
