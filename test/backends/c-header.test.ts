/** The generated C header is the tables' own: a drift between them fails here (`npm run gen:c-header` rewrites it). */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { cHeader, C_HEADER_PATH, ruleMacro } from '../../backends/c-header.js';
import { getSpec } from '../../registry/specs.js';

it('backends/c/kit/uring_spec_tables.h is what the tables generate', () => {
  expect(readFileSync(new URL(`../../${C_HEADER_PATH}`, import.meta.url), 'utf8')).toBe(cHeader());
});

it('the C reference returns every bpf@v1 failure rule through its generated macro', () => {
  const src = readFileSync(new URL('../../backends/c/ref/bpf_v1.c', import.meta.url), 'utf8');
  for (const r of getSpec('bpf@v1').definition.rules.filter((x) => x.errno !== 'OK')) {
    expect(src, r.id).toContain(`return -${ruleMacro('bpf@v1', r.id)}; /* ${r.id} */`);
  }
  // and no errno literal next to a rule id
  expect(src).not.toMatch(/return -E[A-Z]+; \/\* (bpf|generic)\./);
});
