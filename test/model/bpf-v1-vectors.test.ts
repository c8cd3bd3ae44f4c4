/**
 * Known-answer vectors for bpf@v1 (test/vectors/bpf-v1.json): each row's SQE hex and expected
 * outcome were written by hand from SPEC-NOTES sections 1-3, never by running the model, so a model
 * that drifts from the notes fails here with the row's name and reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bpfV1Model } from '../../model/bpf-v1.js';
import { BPF_V1 } from '../../spec/bpf-v1/rules.js';
import { URING_BPF_DATA_FIELDS } from '../../spec/bpf-v1/data.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { sqeFromHex } from '../../spec/sqe.js';

const HexU64 = z.string().regex(/^0x[0-9a-f]{1,16}$/, 'a u64 as 0x-prefixed lower-case hex');

const VectorSchema = z.strictObject({
  name: z.string().min(1),
  sqe: z.string().regex(/^[0-9a-f]{128}$/, '128 lower-case hex digits'),
  ctx: z.strictObject({
    setupFlags: z.number(),
    nrBufs: z.number(),
    bufSize: z.number(),
    ops: z.array(z.number()),
    personalities: z.number(),
  }),
  res: z.number().int(),
  rule: z.string().min(1),
  posted: z.boolean().optional(),
  data: z
    .strictObject({
      opf: z.number().int(),
      buf1_addr: HexU64,
      buf1_len: z.number().int(),
      buf2_addr: HexU64,
      buf2_len: z.number().int(),
      buf_index: z.number().int(),
    })
    .optional(),
  why: z.string().min(1),
});

type Vector = z.infer<typeof VectorSchema>;

const VECTORS: Vector[] = z
  .array(VectorSchema)
  .parse(JSON.parse(readFileSync(new URL('../vectors/bpf-v1.json', import.meta.url), 'utf8')));

/** What the model said, in the vector's own terms, so a mismatch prints as a readable diff. */
function actual(v: Vector) {
  const out = bpfV1Model(sqeFromHex(v.sqe), parseContext(v.ctx, `vector '${v.name}' ctx`));
  return {
    res: `${out.res} (${resName(out.res)})`,
    rule: out.rule,
    posted: out.posted,
    data:
      out.data === null
        ? null
        : {
            opf: out.data.opf,
            buf1_addr: `0x${out.data.buf1_addr.toString(16)}`,
            buf1_len: out.data.buf1_len,
            buf2_addr: `0x${out.data.buf2_addr.toString(16)}`,
            buf2_len: out.data.buf2_len,
            buf_index: out.data.buf_index,
          },
  };
}

describe('bpf@v1 known-answer vectors', () => {
  it('the table is large enough and names are unique', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(48);
    const names = VECTORS.map((v) => v.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const got = actual(v);
    const where = `sqe ${v.sqe}\nctx ${JSON.stringify(v.ctx)}\nwhy: ${v.why}`;
    expect(got.res, where).toBe(`${v.res} (${resName(v.res)})`);
    expect(got.rule, where).toBe(v.rule);
    if (v.posted !== undefined) expect(got.posted, where).toBe(v.posted);
    if (v.data !== undefined) expect(got.data, where).toEqual(v.data);
  });

  it('every vector names a rule of the bpf@v1 catalogue, with that rule errno', () => {
    for (const v of VECTORS) {
      const rule = BPF_V1.rules.find((r) => r.id === v.rule);
      expect(rule, `vector '${v.name}': unknown rule ${v.rule}`).toBeDefined();
      expect(rule!.errno === 'OK' ? 'OK' : rule!.errno, `vector '${v.name}'`).toBe(resName(v.res));
    }
  });

  it('every rule of bpf@v1 is covered by at least one vector', () => {
    const covered = new Set(VECTORS.map((v) => v.rule));
    expect(BPF_V1.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('every success vector pins all uring_bpf_data fields', () => {
    for (const v of VECTORS.filter((x) => x.res >= 0)) {
      expect(v.data && Object.keys(v.data).sort(), `vector '${v.name}'`).toEqual([...URING_BPF_DATA_FIELDS].sort());
    }
  });
});
