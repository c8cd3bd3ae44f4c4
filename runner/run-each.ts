/**
 * Running fixed cases so that a backend failure names its case: the whole batch first, and only
 * when the backend fails on it (crashes, hangs, garbles), the cases one at a time. The backend
 * restarts itself between them.
 */
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import { BackendFailure, type Backend } from './backend.js';

/** What came back: per case an outcome or the failure it caused, and the batch's own failure. */
export interface RunEachResult {
  /** One entry per case run; with stopAtFirstFailure, up to the first failing case. */
  results: (Outcome | BackendFailure)[];
  /** Why the batch as a whole failed, or null when it did not (then `results` are all outcomes). */
  batchFailure: BackendFailure | null;
}

/** Runs `cases`; see the file comment. Errors other than BackendFailure are thrown. */
export async function runEach(backend: Backend, cases: readonly Case[], opts: { stopAtFirstFailure?: boolean } = {}): Promise<RunEachResult> {
  try {
    return { results: await backend.run(cases), batchFailure: null };
  } catch (e) {
    if (!(e instanceof BackendFailure)) throw e;
    const results: (Outcome | BackendFailure)[] = [];
    for (const c of cases) {
      try {
        results.push((await backend.run([c]))[0]!);
      } catch (e2) {
        if (!(e2 instanceof BackendFailure)) throw e2;
        results.push(e2);
        if (opts.stopAtFirstFailure) break;
      }
    }
    return { results, batchFailure: e };
  }
}
