/**
 * Known-answer vectors for nop@7.2 (test/vectors/nop-7.2.json): nop@6.18's rows that Linux 7.2
 * answers alike (every NOP row and the opcodes past 7.2's IORING_OP_LAST), the same NOP rows as
 * IORING_OP_NOP128 on an IORING_SETUP_SQE128 ring, and NOP128 on a ring of 64-byte SQEs. Expected
 * results are what Debian's 7.2.13 kernel answered under the vm backend (`uring-spec run --spec
 * nop@7.2 --backend vm:IMAGE --cases`); rule ids were assigned by hand (a NOP row's rule carries
 * over to its NOP128 twin: io_nop_prep and io_nop are the same code), never by running the model.
 */
import { nopDomain, nopModel } from '../../model/nop.js';
import { NOP_7_2, NOP_7_2_VERSION } from '../../spec/nop-7.2/rules.js';
import { describeKnownAnswers, loadVectors, MainlineVectorSchema } from '../helpers/known-answers.js';

describeKnownAnswers({
  spec: NOP_7_2,
  vectors: loadVectors('nop-7.2.json', MainlineVectorSchema),
  minRows: 200,
  model: nopModel(NOP_7_2_VERSION),
  domain: nopDomain(NOP_7_2_VERSION),
  successRowsNonNegative: false,
});
