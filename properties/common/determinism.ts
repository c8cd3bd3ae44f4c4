/**
 * determinism: the same case twice in one batch must give the same outcome. Spec-agnostic: a
 * backend that leaks state from one case into the next fails it whatever the spec.
 */
import type fc from 'fast-check';
import type { Case } from '../case.js';
import { sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';

/** The determinism property over a spec's case mix. */
export function determinismProperty(anyCase: fc.Arbitrary<Case>): Property<unknown> {
  return property<Case>({
    name: 'determinism',
    description: 'the same case twice in one batch gives the same outcome',
    rules: [],
    arbitrary: anyCase,
    cases: (c) => [c, c],
    check: (c, got) => sameOutcome(c, got[0]!, c, got[1]!, 'the same case run again'),
  });
}
