/** An in-process backend that is the model with one deliberate bug: for tests of the harness itself. */
import type { Backend } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { getSpec } from '../../registry/specs.js';

/** The bpf@v1 model, except that `bug` may rewrite an outcome. Reports no rule ids (a black box). */
export function brokenBackend(bug: (c: Case, o: Outcome) => Outcome, name = 'broken'): Backend {
  const spec = getSpec('bpf@v1');
  return {
    name,
    async probe() {
      return { name, specs: ['bpf@v1'], unsupported: {}, data: true, maxBatch: 4096, info: {} };
    },
    async run(cases) {
      return cases.map((c) => {
        const { rule: _rule, ...o } = spec.model(c);
        return bug(c, o);
      });
    },
    async close() {},
  };
}

/** -EINVAL instead of -EFAULT for a fixed buffer 1 with an empty table: a realistic kernel bug. */
export const emptyTableEinval = brokenBackend((c, o) => (o.res === -14 && c.ctx.nrBufs === 0 ? { ...o, res: -22 } : o), 'empty-table-einval');
