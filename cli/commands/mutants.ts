/**
 * `uring-spec mutants`: the kill matrix. The C reference must pass and every deliberately broken
 * mutant of it must be caught: the harness proving it can find real bugs.
 */
import { killMatrix, medianMsToKill } from '../../backends/kill-matrix.js';
import { freshSeed } from '../../runner/seed.js';
import { getSpec, isStateful } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { MUTANTS_FORMATS, type MutantsReport } from '../../report/mutants.js';
import { intOption, parse, required, seedOption } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';

export const MUTANTS_USAGE = `uring-spec mutants --spec ID [--runs N] [--seed S] [--json]
  Checks the C reference and every mutant of it (--runs cases per property, default 1000); for a
  stateful spec, its model and each of its built-in mutants (--runs sequences per property, default
  5000: a lifecycle bug needs several steps lined up), each mutant served by a Node adapter in a
  process of its own.
  Exit 0 only when the reference passes and every mutant is killed.`;

/** Runs the command; returns the exit code. */
export async function mutantsCommand(argv: string[]): Promise<number> {
  const { values: v } = parse('mutants', argv, { spec: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } });
  const spec = asUsage('mutants', () => getSpec(required('mutants', 'spec', v.spec as string | undefined, 'e.g. --spec bpf@v1')));
  // Sequences are cheap (a few seconds for 5000) and a lifecycle bug needs several steps lined up.
  const runs = intOption('mutants', 'runs', v.runs as string | undefined, isStateful(spec) ? 5000 : 1000, 1);
  const seed = seedOption('mutants', v.seed as string | undefined) ?? freshSeed();
  if (!isStateful(spec) && spec.definition.id !== 'bpf@v1') throw new UsageError(`mutants: the C reference and its mutants implement bpf@v1 only (and each stateful spec has its own), not ${spec.definition.id}`);
  if (isStateful(spec) && spec.mutants.length === 0) throw new UsageError(`mutants: stateful spec ${spec.definition.id} declares no mutants`);
  const { referenceName, reference, mutants: rows } = await killMatrix(spec, seed, runs);
  const killed = rows.filter((r) => r.killed).length;
  const ok = reference.status === 'passed' && killed === rows.length;
  const report: MutantsReport = { spec: spec.definition.id, referenceName, seed, runs, reference: { status: reference.status, cases: reference.cases }, mutants: rows, killed, total: rows.length, medianMsToKill: medianMsToKill(rows) };
  process.stdout.write((v.json ? MUTANTS_FORMATS.json : MUTANTS_FORMATS.text).render(report, { spec, paint: paintFor(process.stdout), propertyNames: [] }));
  return ok ? 0 : 1;
}
