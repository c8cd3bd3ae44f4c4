/**
 * Runs cases as one batch and says whether, and where, the backend got one wrong: the oracle of
 * order-dependent failures and of every replay that decides whether a failure reproduces. A case is
 * wrong when it disagrees with the spec's model (what `replay` checks too); a batch the backend
 * crashes or hangs on is wrong as a whole. A protocol violation ends the check (ProtocolStop).
 */
import { BackendFailure, stopsWithBatch, type Backend } from './backend.js';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import { agreeWithModel } from '../properties/checks.js';
import type { CheckEnv, Violation } from '../properties/property.js';
import { ProtocolStop } from './stops.js';

/** What went wrong in a batch: the first case that differs, or the backend failing on the batch. */
export type SequenceVerdict = { differs: number; violation: Violation } | { differs: number; failure: BackendFailure };

/** What the oracle needs. */
export interface SequenceEnv {
  model(c: Case): ModelOutcome;
  env: CheckEnv;
}

/** null when every case agrees with the model. */
export async function runSequence(backend: Backend, cases: readonly Case[], s: SequenceEnv): Promise<SequenceVerdict | null> {
  let got;
  try {
    got = await backend.run(cases);
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    if (stopsWithBatch(e)) throw new ProtocolStop(e, cases);
    return { differs: cases.length - 1, failure: e };
  }
  for (let i = 0; i < cases.length; i++) {
    const v = agreeWithModel(cases[i]!, got[i]!, s.model(cases[i]!), s.env);
    if (v) return { differs: i, violation: v };
  }
  return null;
}

/** How many of `times` runs of `once` failed. */
export async function countFailures(times: number, once: () => Promise<boolean>): Promise<number> {
  let failed = 0;
  for (let i = 0; i < times; i++) if (await once()) failed++;
  return failed;
}
