/**
 * The stateful declaration of ring-lifecycle@6.18 (properties/stateful/declaration.ts): its
 * catalogue, its model, the rings and the weighted step generators fc.commands draws from, the
 * domain, and the built-in mutants its properties must kill.
 */
import fc from 'fast-check';
import { RING_LIFECYCLE_618_MODEL, RING_LIFECYCLE_SETUP_FLAGS, ringLifecycle618Domain, type RingLifecycleState } from '../../model/ring-lifecycle-6.18.js';
import { RING_LIFECYCLE_6_18, type RingLifecycle618RuleId } from '../../spec/ring-lifecycle-6.18/rules.js';
import { IORING_SETUP_IOPOLL } from '../../spec/constants.js';
import type { RingSetup } from '../../spec/stateful/step.js';
import type { StatefulDeclaration } from '../stateful/declaration.js';
import { RING_LIFECYCLE_618_MUTANTS } from './mutants.js';
import { REGISTER_STEP_ARBITRARIES } from './register-steps.js';
import { SUBMIT_STEP_ARBITRARIES } from './submit-steps.js';

/** Rings: plain most often (every rule but the IOPOLL one is reached there), then IOPOLL, then the others. */
const rings: fc.Arbitrary<RingSetup> = fc
  .oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(IORING_SETUP_IOPOLL) }, { weight: 1, arbitrary: fc.constantFrom(...RING_LIFECYCLE_SETUP_FLAGS.filter((f) => f !== 0 && f !== IORING_SETUP_IOPOLL)) })
  .map((setupFlags) => ({ setupFlags }));

export const RING_LIFECYCLE_618_DECLARATION: StatefulDeclaration<RingLifecycle618RuleId, RingLifecycleState> = {
  kind: 'stateful',
  definition: RING_LIFECYCLE_6_18,
  model: RING_LIFECYCLE_618_MODEL,
  rings,
  steps: [...REGISTER_STEP_ARBITRARIES, ...SUBMIT_STEP_ARBITRARIES],
  // long enough to register, use, replace and drop a table and a personality; short enough to shrink fast
  maxSteps: 16,
  domain: ringLifecycle618Domain,
  mutants: RING_LIFECYCLE_618_MUTANTS,
};
