/**
 * Every row of what Linux 7.2.13 with each version of the series applied answered (stage 1, and the
 * stage-2 rows with ops registered whose answer comes before any program runs)
 * (test/vectors/kernel-7.2-bpf-observed.json, from kernel-7.2-bpf-observed.md) that a spec covers,
 * against that version's model.
 */
import { describe, expect, it } from 'vitest';
import { getSpec } from '../../registry/specs.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { loadObservedRows } from '../helpers/observed-7.2.js';

const OBSERVED = loadObservedRows();

describe('what Linux 7.2.13 with each version applied answered', () => {
  // rows outside a spec's domain (the NOP controls: another opcode) are not the spec's to answer
  const covered = OBSERVED.filter((o) => getSpec(o.version).domain(sqeFromHex(o.sqe), parseContext(o.ctx)) === null);

  it('covers most rows of every version', () => {
    for (const v of ['bpf@v1', 'bpf@v2', 'bpf@v3']) expect(covered.filter((o) => o.version === v).length, v).toBeGreaterThanOrEqual(100);
  });

  it.each(covered.map((o) => [`${o.version} ${o.case}`, o] as const))('%s', (_name, o) => {
    const got = getSpec(o.version).model({ sqe: sqeFromHex(o.sqe), ctx: parseContext(o.ctx) });
    const where = `sqe ${o.sqe}\nctx ${JSON.stringify(o.ctx)}\nrule ${got.rule}`;
    expect(`${got.res} (${resName(got.res)})`, where).toBe(`${o.res} (${resName(o.res)})`);
    expect(got.posted, where).toBe(o.posted);
  });
});
