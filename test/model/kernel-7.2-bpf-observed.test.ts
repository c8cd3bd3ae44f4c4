/**
 * Every row of what Linux 7.2.13 with each version of the series applied answered (stage 1, and the
 * stage-2 rows with ops registered whose answer comes before any program runs)
 * (test/vectors/kernel-7.2-bpf-observed.json, from kernel-7.2-bpf-observed.md) that a spec covers,
 * against that version's model.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getSpec } from '../../registry/specs.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { VECTOR_FIELDS } from '../helpers/known-answers.js';

const ObservedSchema = z.strictObject({
  case: z.string().min(1),
  version: z.enum(['bpf@v1', 'bpf@v2', 'bpf@v3']),
  sqe: z.string().regex(/^[0-9a-f]{128}$/),
  ctx: VECTOR_FIELDS.ctx,
  res: z.number().int(),
  posted: z.boolean(),
});
const OBSERVED = z.array(ObservedSchema).parse(JSON.parse(readFileSync(new URL('../vectors/kernel-7.2-bpf-observed.json', import.meta.url), 'utf8')));

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
