/**
 * Known-answer vectors for bpf@v1 (test/vectors/bpf-v1.json): each row's SQE hex and expected
 * outcome were written by hand from SPEC-NOTES sections 1-3, never by running the model, so a model
 * that drifts from the notes fails here with the row's name and reason.
 */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { bpfModel } from '../../model/bpf-family.js';
import type { ModelOutcome } from '../../model/outcome.js';
import { BPF_V1, BPF_V1_VERSION } from '../../spec/bpf-v1/index.js';

const bpfV1Model = bpfModel(BPF_V1_VERSION);
import { URING_BPF_DATA_FIELDS } from '../../spec/bpf-v1/data.js';
import { describeKnownAnswers, loadVectors, VECTOR_FIELDS } from '../helpers/known-answers.js';

const HexU64 = z.string().regex(/^0x[0-9a-f]{1,16}$/, 'a u64 as 0x-prefixed lower-case hex');

/** Written from the notes: posted only where it matters, uring_bpf_data on every success. */
const VectorSchema = z.strictObject({
  ...VECTOR_FIELDS,
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
});

type Vector = z.infer<typeof VectorSchema>;

const VECTORS: Vector[] = loadVectors('bpf-v1.json', VectorSchema);

/** The model's uring_bpf_data in the vector's own terms, so a mismatch prints as a readable diff. */
function dataAsWritten(out: ModelOutcome): Vector['data'] | null {
  if (out.data === null) return null;
  return {
    opf: out.data.opf,
    buf1_addr: `0x${out.data.buf1_addr.toString(16)}`,
    buf1_len: out.data.buf1_len,
    buf2_addr: `0x${out.data.buf2_addr.toString(16)}`,
    buf2_len: out.data.buf2_len,
    buf_index: out.data.buf_index,
  };
}

describeKnownAnswers({
  spec: BPF_V1,
  vectors: VECTORS,
  minRows: 48,
  model: bpfV1Model,
  successRowsNonNegative: true,
  checkRow: (v, got, where) => {
    if (v.data !== undefined) expect(dataAsWritten(got), where).toEqual(v.data);
  },
  more: () => {
    it('every success vector pins all uring_bpf_data fields', () => {
      for (const v of VECTORS.filter((x) => x.res >= 0)) {
        expect(v.data && Object.keys(v.data).sort(), `vector '${v.name}'`).toEqual([...URING_BPF_DATA_FIELDS].sort());
      }
    });
  },
});
