/**
 * backends/c/ref/bpf_ops.c names every failure rule of bpf-ops@v2 and bpf-ops@v3 through the rule
 * macro the generated header will have (backends/c-header.ts ruleMacro), with the catalogue's
 * errno: until the stateful specs are in the header, the file defines those macros itself, and
 * this keeps its names and values the catalogue's.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ruleMacro } from '../../backends/c-header.js';
import { BPF_OPS_V2 } from '../../spec/bpf-ops-v2/index.js';
import { BPF_OPS_V3 } from '../../spec/bpf-ops-v3/index.js';

const src = readFileSync(new URL('../../backends/c/ref/bpf_ops.c', import.meta.url), 'utf8');

it.each([BPF_OPS_V2, BPF_OPS_V3].map((d) => [d.id, d] as const))('bpf_ops.c defines every failure rule macro of %s with its errno', (_id, def) => {
  for (const r of def.rules.filter((x) => x.errno !== 'OK')) {
    expect(src, r.id).toContain(`#define ${ruleMacro(def.id, r.id)} ${r.errno}\n`);
  }
});

it('bpf_ops.c returns every failure rule through its bpf-ops@v2 macro (V3 asserted equal), named in a comment', () => {
  for (const r of BPF_OPS_V2.rules.filter((x) => x.errno !== 'OK')) {
    expect(src, r.id).toContain(`-${ruleMacro(BPF_OPS_V2.id, r.id)}; /* ${r.id} */`);
    expect(src, r.id).toContain(`SAME_IN_V3(${ruleMacro(BPF_OPS_V2.id, r.id).replace('USPEC_RULE_BPF_OPS_V2_', '')});`);
  }
  expect(src).not.toMatch(/return -E[A-Z]+; \/\* bpf\./);
});
