/** The known-answer suite of a version of the series whose outcome records carry no uring_bpf_data. */
import { z } from 'zod';
import { getSpec } from '../../registry/specs.js';
import { describeKnownAnswers, loadVectors, VECTOR_FIELDS } from './known-answers.js';

const VectorSchema = z.strictObject({ ...VECTOR_FIELDS, posted: z.boolean() });

/** Declares the suite of `id` over test/vectors/<id with @ as ->.json. */
export function describeBpfVersionVectors(id: string): void {
  const spec = getSpec(id);
  describeKnownAnswers({
    spec: spec.definition,
    vectors: loadVectors(`${id.replace('@', '-')}.json`, VectorSchema),
    minRows: 25,
    model: (sqe, ctx) => spec.model({ sqe, ctx }),
    domain: (sqe) => spec.domain(sqe),
    successRowsNonNegative: true,
  });
}
