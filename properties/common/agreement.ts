/**
 * model-agreement: the differential property every spec has. The backend and the spec's reference
 * model must give the same outcome for any case of the spec's mix. Spec-agnostic: the runner hands
 * `check` the model's outcome of each case, so the property needs only the spec's cases.
 */
import type fc from 'fast-check';
import type { Case } from '../case.js';
import { agreeWithModel } from '../checks.js';
import { property, type Property } from '../property.js';

/** What the mainline specs promise agrees; a spec whose model also says more (data) says so. */
const DEFAULT_DESCRIPTION = 'res and posted agree with the reference model';

/** The model-agreement property over a spec's case mix. */
export function agreementProperty(anyCase: fc.Arbitrary<Case>, description: string = DEFAULT_DESCRIPTION): Property<unknown> {
  return property<Case>({
    name: 'model-agreement',
    description,
    rules: [],
    arbitrary: anyCase,
    cases: (c) => [c],
    check: (c, got, model, env) => agreeWithModel(c, got[0]!, model[0]!, env),
  });
}
