/**
 * The kill matrix: the C reference and each of its mutants checked with the same seed and case
 * count. A mutant is killed when any property fails against it. For a stateful spec the reference
 * is its model and the mutants are the declaration's own (deliberately wrong models, each served
 * by the Node adapter in a separate process, backends/stateful/).
 */
import { checkSpec, type CheckResult } from '../runner/check.js';
import { isStateful, type SpecBundle } from '../registry/specs.js';
import { counterexample, type AnyCounterexample } from '../report/counterexample.js';
import { listMutants, parseBackend } from './registry.js';

/** One mutant's row. */
export interface MutantRow {
  name: string;
  description: string;
  killed: boolean;
  /** The properties that failed against it. */
  killedBy: string[];
  /** Time from the start of its check to the first failure found. */
  msToKill: number | null;
  counterexample: AnyCounterexample | null;
}

/** The matrix and the reference's own verdict. */
export interface KillMatrix {
  /** The reference's backend name: c-ref, or model for a stateful spec. */
  referenceName: string;
  reference: CheckResult;
  mutants: MutantRow[];
}

/** Time from the start of the check to its first failure. */
function firstFailureMs(r: CheckResult): number | null {
  let before = 0;
  for (const p of r.properties) {
    if ('failure' in p && p.failure) return before + p.failure.msToFailure;
    before += p.ms;
  }
  return null;
}

/** Checks one backend by name, closing it afterwards. */
export async function checkBackendByName(spec: SpecBundle, name: string, seed: number, runs: number): Promise<CheckResult> {
  const backend = parseBackend(name, spec.definition.id);
  try {
    return await checkSpec(spec, backend, { seed, runs });
  } finally {
    await backend.close();
  }
}

/** Checks c-ref and every mutant. */
export async function killMatrix(spec: SpecBundle, seed: number, runs: number): Promise<KillMatrix> {
  const referenceName = isStateful(spec) ? 'model' : 'c-ref';
  const reference = await checkBackendByName(spec, referenceName, seed, runs);
  const mutants: MutantRow[] = [];
  for (const m of isStateful(spec) ? spec.mutants : listMutants()) {
    const name = `mutant:${m.name}`;
    const r = await checkBackendByName(spec, name, seed, runs);
    const failed = r.properties.filter((p) => p.status === 'failed');
    const first = failed[0];
    const cx = first && 'failure' in first && first.failure ? counterexample(spec, name, first.failure) : null;
    const ms = firstFailureMs(r);
    mutants.push({ name: m.name, description: m.description, killed: failed.length > 0, killedBy: failed.map((p) => p.name), msToKill: ms === null ? null : Math.round(ms * 10) / 10, counterexample: cx });
  }
  return { referenceName, reference, mutants };
}

/** The median of the kill times of the killed mutants. */
export function medianMsToKill(rows: readonly MutantRow[]): number | null {
  const times = rows.filter((r) => r.msToKill !== null).map((r) => r.msToKill!).sort((a, b) => a - b);
  if (times.length === 0) return null;
  const mid = times.length >> 1;
  return Math.round((times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2) * 10) / 10;
}
