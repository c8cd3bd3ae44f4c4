/**
 * backends/c/ref/bpf_ops.c returns every failure rule of bpf-ops@v2 through the generated
 * header's rule macro (backends/c-header.ts ruleMacro), V3's asserted equal at build time, so the
 * catalogue stays the one source of its errnos.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ruleMacro } from '../../backends/c-header.js';
import { BPF_OPS_V2 } from '../../spec/bpf-ops-v2/index.js';

const src = readFileSync(new URL('../../backends/c/ref/bpf_ops.c', import.meta.url), 'utf8');

it('bpf_ops.c returns every failure rule through its bpf-ops@v2 macro (V3 asserted equal), named in a comment', () => {
  for (const r of BPF_OPS_V2.rules.filter((x) => x.errno !== 'OK')) {
    expect(src, r.id).toContain(`-${ruleMacro(BPF_OPS_V2.id, r.id)}; /* ${r.id} */`);
    expect(src, r.id).toContain(`SAME_IN_V3(${ruleMacro(BPF_OPS_V2.id, r.id).replace('USPEC_RULE_BPF_OPS_V2_', '')});`);
  }
  expect(src).not.toMatch(/return -E[A-Z]+; \/\* bpf\./);
});
