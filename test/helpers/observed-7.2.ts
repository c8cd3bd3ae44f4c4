/**
 * What Linux 7.2.13 with each version of the IORING_OP_BPF series applied answered to a separate
 * probe (test/vectors/kernel-7.2-bpf-observed.json, from ../shared/reference/kernel-7.2-bpf-
 * observed.md): one row per case and version, with the ring context as posted (V1/V2's setup flag
 * at bit 20; the kernels took it at bit 21, which a backend reports as a moved constant).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VECTOR_FIELDS } from './known-answers.js';

const ObservedSchema = z.strictObject({
  case: z.string().min(1),
  version: z.enum(['bpf@v1', 'bpf@v2', 'bpf@v3']),
  sqe: z.string().regex(/^[0-9a-f]{128}$/),
  ctx: VECTOR_FIELDS.ctx,
  res: z.number().int(),
  posted: z.boolean(),
});

/** One observed row. */
export type ObservedRow = z.output<typeof ObservedSchema>;

/** Every observed row, validated. */
export function loadObservedRows(): ObservedRow[] {
  return z.array(ObservedSchema).parse(JSON.parse(readFileSync(new URL('../vectors/kernel-7.2-bpf-observed.json', import.meta.url), 'utf8')));
}
