/** Comparisons shared by properties: each returns a Violation naming what differs, or null. */
import { dataDiff } from '../spec/bpf-v1/data.js';
import { resName } from '../spec/errno.js';
import type { ModelOutcome, Outcome } from '../model/outcome.js';
import type { Case } from './case.js';
import type { CheckEnv, Expected, Violation } from './property.js';

function describe(res: number): string {
  return `${res} (${resName(res)})`;
}

/** The backend saw something that is not an outcome (timeout, unconsumed SQE, ...). */
function anomaly(c: Case, got: Outcome, expected: Expected): Violation | null {
  return got.anomaly ? { case: c, expected, actual: got, message: `backend anomaly: ${got.anomaly}` } : null;
}

/**
 * What is wrong with an outcome the property expected to be `expected` (an anomaly, res, the rule
 * when both name one, posted), or null. Shared by single cases and the steps of a sequence.
 */
export function resultMismatch(got: Outcome, expected: Expected): string | null {
  if (got.anomaly) return `backend anomaly: ${got.anomaly}`;
  if (got.res !== expected.res) return `expected res ${describe(expected.res)}, got ${describe(got.res)}`;
  if (expected.rule && got.rule !== undefined && got.rule !== expected.rule) return `expected rule ${expected.rule}, got ${got.rule}`;
  if (expected.posted !== undefined && got.posted !== expected.posted) return expected.posted ? 'expected a completion, none was posted' : 'expected no completion (IOSQE_CQE_SKIP_SUCCESS), one was posted';
  return null;
}

/** res (and, when both name one, the rule) must be what the property says. */
export function expectResult(c: Case, got: Outcome, expected: Expected): Violation | null {
  const message = resultMismatch(got, expected);
  return message === null ? null : { case: c, expected, actual: got, message };
}

/** Differential: res, posted and, after a successful prep, uring_bpf_data must match the model. */
export function agreeWithModel(c: Case, got: Outcome, model: ModelOutcome, env: CheckEnv): Violation | null {
  const expected: Expected = { res: model.res, rule: model.rule, posted: model.posted };
  const base = expectResult(c, got, expected);
  if (base) return base;
  if (env.data && model.res === 0 && model.data) {
    if (!got.data) return { case: c, expected, actual: got, message: 'expected uring_bpf_data after a successful prep, the backend marked none valid' };
    const diff = dataDiff(model.data, got.data);
    if (diff.length > 0) {
      const parts = diff.map((k) => `${k}: expected ${String(model.data![k])}, got ${String(got.data![k])}`);
      return { case: c, expected, actual: got, message: `uring_bpf_data differs: ${parts.join('; ')}` };
    }
  }
  return null;
}

/** Two runs that must agree (ignored fields, determinism): res, posted and data. */
export function sameOutcome(first: Case, a: Outcome, second: Case, b: Outcome, what: string): Violation | null {
  const expected: Expected = { res: a.res, rule: a.rule ?? null, posted: a.posted };
  const odd = anomaly(second, b, expected) ?? anomaly(first, a, expected);
  if (odd) return odd;
  if (a.res !== b.res) return { case: second, expected, actual: b, message: `${what}: res ${describe(a.res)} became ${describe(b.res)}` };
  if (a.posted !== b.posted) return { case: second, expected, actual: b, message: `${what}: posted ${a.posted} became ${b.posted}` };
  if (a.data && b.data) {
    const diff = dataDiff(a.data, b.data);
    if (diff.length) return { case: second, expected, actual: b, message: `${what}: uring_bpf_data ${diff.join(', ')} changed` };
  } else if ((a.data === null) !== (b.data === null)) {
    return { case: second, expected, actual: b, message: `${what}: uring_bpf_data valid in one run only` };
  }
  return null;
}
