/** Turning a rule id into an outcome, so every model answers in the spec's own terms. */
import { negErrno } from '../spec/errno.js';
import { IOSQE_CQE_SKIP_SUCCESS } from '../spec/constants.js';
import { ruleById, type SpecDefinition } from '../spec/rule.js';
import type { Sqe } from '../spec/sqe-layout.js';
import type { UringBpfData } from '../spec/bpf-v1/data.js';
import type { ModelOutcome } from './outcome.js';

/**
 * The outcome of a rule: its -errno (or `successRes` for an OK rule), posted unless the request
 * succeeded with IOSQE_CQE_SKIP_SUCCESS.
 */
export function verdict<Id extends string>(spec: SpecDefinition<Id>, ruleId: NoInfer<Id>, sqe: Sqe, successRes = 0, data: UringBpfData | null = null): ModelOutcome {
  const rule = ruleById(spec, ruleId);
  const res = rule.errno === 'OK' ? successRes : negErrno(rule.errno);
  const posted = !(res >= 0 && sqe.flags & IOSQE_CQE_SKIP_SUCCESS);
  return { res, posted, data: res === 0 ? data : null, rule: rule.id };
}
