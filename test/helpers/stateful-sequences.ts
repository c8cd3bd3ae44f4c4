/**
 * Whole sequences drawn from a stateful declaration's own arbitraries (its rings, its weighted
 * steps, up to its maxSteps), for tests that fuzz a spec without the stateful property pack.
 * `size: 'max'` spreads lengths evenly up to maxSteps, as the stateful pack draws them.
 */
import fc from 'fast-check';
import type { StatefulDeclaration } from '../../properties/stateful/declaration.js';
import type { StepSequence } from '../../spec/stateful/step.js';

export function sequenceOf(decl: StatefulDeclaration, size?: fc.SizeForArbitrary): fc.Arbitrary<StepSequence> {
  const step = fc.oneof(...decl.steps.map((s) => ({ weight: s.weight, arbitrary: s.arbitrary })));
  return fc.record({ ring: decl.rings, steps: fc.array(step, { minLength: 1, maxLength: decl.maxSteps, ...(size ? { size } : {}) }) });
}
