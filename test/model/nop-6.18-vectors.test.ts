/**
 * Known-answer vectors for nop@6.18 (test/vectors/nop-6.18.json): rows of kernel-6.18-observed.jsonl
 * translated to the exec protocol's world (registered buffers at the canonical addresses, the
 * data file as the scratch file, fd 100), and cases checked on this machine's 6.18.44 kernel
 * through build/c/kernel-adapter. Expected outcomes are the kernel's, and rule ids were assigned
 * by hand from the spec, never by running the model, so a model that drifts from the kernel fails
 * here with the row's name and reason.
 */
import { describe, expect, it } from 'vitest';
import { nopDomain, nopModel } from '../../model/nop.js';
import { NOP_6_18, NOP_6_18_VERSION } from '../../spec/nop-6.18/rules.js';
import { NOP_FLAGS_6_18, NOP_FLAGS_LAYOUT } from '../../spec/mainline-constants.js';
import { describeKnownAnswers, loadVectors, MainlineVectorSchema } from '../helpers/known-answers.js';

describe('nop_flags layout', () => {
  it('covers the 32 bits once, and NOP_FLAGS is bits 0-5', () => {
    let covered = 0;
    for (const f of NOP_FLAGS_LAYOUT) {
      const mask = ((2 ** f.width - 1) * 2 ** f.shift) >>> 0;
      expect(covered & mask, f.name).toBe(0);
      covered = (covered | mask) >>> 0;
    }
    expect(covered).toBe(0xffffffff);
    expect(NOP_FLAGS_LAYOUT.reduce((a, f) => a + f.width, 0)).toBe(32);
    expect(NOP_FLAGS_6_18).toBe(0x3f);
  });
});

describeKnownAnswers({
  spec: NOP_6_18,
  vectors: loadVectors('nop-6.18.json', MainlineVectorSchema),
  minRows: 100,
  model: nopModel(NOP_6_18_VERSION),
  domain: nopDomain(NOP_6_18_VERSION),
  successRowsNonNegative: false,
});
