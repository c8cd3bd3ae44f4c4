/**
 * The differential case mix every spec's broad properties draw from (model-agreement,
 * ignored-fields, determinism, batch-isolation): mostly requests one rule away from valid, so
 * each rule gets its turn, with valid ones, several rules broken at once, and wild ones.
 */
import fc from 'fast-check';
import type { Case } from '../case.js';

/** The four kinds of case a mix is made of. */
export interface CaseMixParts {
  /** Valid requests. */
  valid: fc.Arbitrary<Case>;
  /** Valid requests with one rule broken. */
  oneBroken: fc.Arbitrary<Case>;
  /** Valid requests with several rules broken. */
  severalBroken: fc.Arbitrary<Case>;
  /** Anything in the spec's domain. */
  wild: fc.Arbitrary<Case>;
}

/**
 * The mix, weighted valid 3 : one rule broken 6 : several 2 : wild 1. Single corruptions weigh
 * most because each rule is reached mainly through them; the weights (and the order) are what
 * every spec's seeds and corpora were recorded with, so changing them changes every case drawn.
 */
export function caseMix({ valid, oneBroken, severalBroken, wild }: CaseMixParts): fc.Arbitrary<Case> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 6, arbitrary: oneBroken },
    { weight: 2, arbitrary: severalBroken },
    { weight: 1, arbitrary: wild },
  );
}
