/** The harness must catch a broken implementation and shrink to one minimal case. */
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';
import { decodeBpfOpFlags } from '../../spec/bpf-op-flags.js';
import { emptyTableEinval } from '../helpers/broken-backend.js';

const spec = getSpec('bpf@v1');

describe('a broken backend', () => {
  it('fails the properties about the broken rule with a minimal counterexample', async () => {
    const r = await checkSpec(spec, emptyTableEinval, { seed: 3, runs: 2000 });
    expect(r.status).toBe('failed');
    const failed = r.properties.filter((p) => p.status === 'failed').map((p) => p.name);
    expect(failed).toContain('fixed-empty-table-efault');
    expect(failed).toContain('model-agreement');
    const p = r.properties.find((x) => x.name === 'fixed-empty-table-efault')!;
    expect('failure' in p && p.failure?.kind).toBe('violation');
    if (!('failure' in p) || !p.failure || p.failure.kind !== 'violation') return;
    const v = p.failure.violation;
    expect(v.expected.res).toBe(-14);
    expect(v.actual.res).toBe(-22);
    // shrunk: nothing the bug does not need is left (ignored fields zero, op 0, no table)
    expect(v.case.ctx.nrBufs).toBe(0);
    expect(decodeBpfOpFlags(v.case.sqe.op_flags)).toEqual({ op: 0, buf1_type: 2, buf2_type: 0, custom: 0 });
    expect([v.case.sqe.addr, v.case.sqe.user_data, v.case.sqe.pad2, v.case.sqe.off]).toEqual([0n, 0n, 0n, 0n]);
    expect(v.case.sqe.buf_index).toBe(0);
  });

  it('passes the properties the bug does not touch', async () => {
    const r = await checkSpec(spec, emptyTableEinval, { seed: 3, runs: 500, only: ['custom-flags-einval', 'no-setup-flag-eacces', 'determinism'] });
    expect(r.status).toBe('passed');
  });
});
