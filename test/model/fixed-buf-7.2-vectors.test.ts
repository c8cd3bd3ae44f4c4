/**
 * Known-answer vectors for fixed-buf@7.2 (test/vectors/fixed-buf-7.2.json): fixed-buf@6.15's rows
 * that Linux 7.2 answers alike (every row of the four ops) and the opcodes past 7.2's
 * IORING_OP_LAST. Expected results are what Debian's 7.2.13 kernel answered under the vm backend
 * (`uring-spec run --spec fixed-buf@7.2 --backend vm:IMAGE --cases`); rule ids are the 6.15 rows'
 * hand-assigned ones, never the model's.
 */
import { fixedBufDomain, fixedBufModel } from '../../model/fixed-buf.js';
import { FIXED_BUF_7_2, FIXED_BUF_7_2_VERSION } from '../../spec/fixed-buf-7.2/rules.js';
import { describeKnownAnswers, loadVectors, MainlineVectorSchema } from '../helpers/known-answers.js';

describeKnownAnswers({
  spec: FIXED_BUF_7_2,
  vectors: loadVectors('fixed-buf-7.2.json', MainlineVectorSchema),
  minRows: 150,
  model: fixedBufModel(FIXED_BUF_7_2_VERSION),
  domain: fixedBufDomain(FIXED_BUF_7_2_VERSION),
  successRowsNonNegative: false,
});
