/**
 * Failures that end a whole check, not one property: thrown from deep inside a property run and
 * turned into that property's failure by the runner; checkSpec then reports the properties after
 * it as not run because of it.
 */
import type { BackendFailure } from './backend.js';
import type { Case } from '../properties/case.js';

/**
 * The backend broke the exec protocol after its hello (wrong reply count, short read, garbage).
 * That is the adapter's bug, not a property of any case: no bisection, no shrinking, no replay.
 */
export class ProtocolStop extends Error {
  constructor(
    readonly failure: BackendFailure,
    /** The batch the backend answered wrongly, in submission order. */
    readonly batch: readonly Case[],
  ) {
    super(failure.message);
    this.name = 'ProtocolStop';
  }
}

/**
 * The backend crashed or hung on every case it was given and never answered a batch in this
 * check: the batch, and cases from its start, middle and end alone, all failed. No case is to blame,
 * so nothing is shrunk and no other property is tried.
 */
export class EveryCaseStop extends Error {
  constructor(
    readonly failure: BackendFailure,
    /** The first case it failed on. */
    readonly first: Case,
    /** How many runs failed (all of them). */
    readonly runs: number,
  ) {
    super(failure.message);
    this.name = 'EveryCaseStop';
  }
}

/** Whether a check has seen the backend answer at all: a backend that never did may fail on everything. */
export interface BackendHealth {
  /** Batches the backend answered (with outcomes, right or wrong) in this check. */
  answered: number;
}
