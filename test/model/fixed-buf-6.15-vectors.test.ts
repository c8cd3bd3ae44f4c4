/**
 * Known-answer vectors for fixed-buf@6.15 (test/vectors/fixed-buf-6.15.json): rows of kernel-6.18-observed.jsonl
 * translated to the exec protocol's world (registered buffers at the canonical addresses, the
 * data file as the scratch file, fd 100), and cases checked on this machine's 6.18.44 kernel
 * through build/c/kernel-adapter. Expected outcomes are the kernel's, and rule ids were assigned
 * by hand from the spec, never by running the model, so a model that drifts from the kernel fails
 * here with the row's name and reason.
 */
import { fixedBufDomain, fixedBufModel } from '../../model/fixed-buf.js';
import { FIXED_BUF_6_15, FIXED_BUF_6_15_VERSION } from '../../spec/fixed-buf-6.15/rules.js';
import { describeKnownAnswers, loadVectors, MainlineVectorSchema } from '../helpers/known-answers.js';

describeKnownAnswers({
  spec: FIXED_BUF_6_15,
  vectors: loadVectors('fixed-buf-6.15.json', MainlineVectorSchema),
  minRows: 150,
  model: fixedBufModel(FIXED_BUF_6_15_VERSION),
  domain: fixedBufDomain(FIXED_BUF_6_15_VERSION),
  successRowsNonNegative: false,
});
