/**
 * In-process backends that misbehave the way the faulty adapters of test/fixtures/adapters/ do,
 * for tests of the runner itself (no process, no timing): each is the bpf@v1 model with one fault.
 */
import { BackendFailure, type Backend, type BackendFailureKind } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { getSpec } from '../../registry/specs.js';

const spec = getSpec('bpf@v1');

/** The model's outcome without its rule (a black box, like any adapter). */
export function modelOutcome(c: Case): Outcome {
  const { rule: _rule, ...o } = spec.model(c);
  return o;
}

/** A backend over `runBatch`, counting the batches it was asked to run. */
export function backendOf(name: string, runBatch: (cases: readonly Case[]) => Outcome[]): Backend & { batches: number } {
  const b = {
    name,
    batches: 0,
    async probe() {
      return { name, specs: ['bpf@v1'], unsupported: {}, data: true, maxBatch: 4096, info: {} };
    },
    async run(cases: readonly Case[]) {
      b.batches++;
      return runBatch(cases);
    },
    async close() {},
  };
  return b;
}

/** Fails every batch with a BackendFailure of `kind`. */
export function failingBackend(kind: BackendFailureKind, stderrTail = ''): Backend & { batches: number } {
  return backendOf(`always-${kind}`, (cases) => {
    const reason = kind === 'protocol' ? `answered ${cases.length - 1} outcomes to a batch of ${cases.length}` : kind === 'hang' ? `no response within 50 ms to a batch of ${cases.length} cases` : 'adapter exited with code 3 during a batch';
    throw new BackendFailure(`always-${kind}`, reason, kind === 'hang', kind, stderrTail);
  });
}

/** Crashes on any batch holding a case whose `personality` is at least `at`; the model otherwise. */
export function crashOnPersonality(at: number): Backend & { batches: number } {
  return backendOf('crash-on-personality', (cases) => {
    if (cases.some((c) => c.sqe.personality >= at)) throw new BackendFailure('crash-on-personality', 'adapter was killed by signal SIGSEGV during a batch');
    return cases.map(modelOutcome);
  });
}

/** An -EFAULT sticks to the next case of the same batch: per-request state that is not reset. */
export function leakingBackend(): Backend & { batches: number } {
  return backendOf('leak', (cases) => {
    const out = cases.map(modelOutcome);
    for (let i = out.length - 1; i >= 1; i--) if (out[i - 1]!.res === -14) out[i] = { res: -14, posted: true, data: null };
    return out;
  });
}

/** Every `every`-th case it is given, whatever it is, gets -EINVAL (or -EOPNOTSUPP where -EINVAL is right). */
export function flakyBackend(every: number): Backend & { batches: number } {
  let seen = 0;
  return backendOf('flaky', (cases) =>
    cases.map((c) => {
      const o = modelOutcome(c);
      if (++seen % every !== 0) return o;
      return { res: o.res === -22 ? -95 : -22, posted: true, data: null };
    }),
  );
}

/** Crashes on a batch where any case follows one whose answer is -EFAULT; every case alone is answered right. */
export function crashAfterEfault(): Backend & { batches: number } {
  return backendOf('crash-after-efault', (cases) => {
    const out = cases.map(modelOutcome);
    if (out.slice(0, -1).some((o) => o.res === -14)) throw new BackendFailure('crash-after-efault', 'adapter was killed by signal SIGSEGV during a batch');
    return out;
  });
}
