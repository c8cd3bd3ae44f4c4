/**
 * The C reference's sequences (backends/c/ref/bpf_ops.c, exec protocol version 2) against the
 * hand-worked bpf-ops vectors and against the model: each vector step's res, then a fuzz over the
 * declarations' own ring and step arbitraries (fixed seeds) in which every step's res and
 * completion flag must agree with the model. c-ref is spoken to directly over the protocol, not
 * through the harness's exec backend.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { runModel } from '../../model/stateful.js';
import { getSpec, type StatefulBundle } from '../../registry/specs.js';
import { checkSpec } from '../../runner/check.js';
import { BPF_OPS_V2_DECLARATION } from '../../properties/bpf-ops-v2/declaration.js';
import { BPF_OPS_V3_DECLARATION } from '../../properties/bpf-ops-v3/declaration.js';
import { resName } from '../../spec/errno.js';
import { sequenceToJson } from '../../spec/stateful/step-json.js';
import { buildCRef } from '../helpers/build-c-ref.js';
import { loadStatefulVectors, vectorSequence } from '../helpers/stateful-vectors.js';
import { startSequenceAdapter, type SequenceAdapter } from '../helpers/sequence-adapter.js';
import { sequenceOf } from '../helpers/stateful-sequences.js';

const NO_CQE = 1 << 1;
/** Sequences per version in the fuzz. */
const FUZZ_RUNS = 400;

let cref: SequenceAdapter;
let hello: Record<string, unknown>;

beforeAll(async () => {
  cref = await startSequenceAdapter(await buildCRef());
  hello = cref.hello;
}, 120_000);

afterAll(async () => {
  expect(await cref.close()).toBe(0);
});

it('c-ref says uring-spec/2 and offers both lifecycle specs beside bpf@v1', () => {
  expect(hello.protocol).toBe('uring-spec/2');
  expect(hello.specs).toEqual(['bpf@v1', 'bpf-ops@v2', 'bpf-ops@v3']);
});

describe.each([
  ['bpf-ops@v2', BPF_OPS_V2_DECLARATION],
  ['bpf-ops@v3', BPF_OPS_V3_DECLARATION],
] as const)('%s on c-ref', (id, decl) => {
  it.each(loadStatefulVectors(`${id.replace('@', '-')}.json`).map((v) => [v.name, v] as const))('vector: %s', async (_name, v) => {
    const got = await cref.run(vectorSequence(v));
    const show = (res: number) => `${res} (${resName(res)})`;
    expect(got.map((g) => show(g.res)), v.why).toEqual(v.steps.map((e) => show(e.res)));
    // no step of a vector skips its completion
    expect(got.map((g) => g.flags)).toEqual(v.steps.map(() => 0));
  });

  it('c-ref, a correct implementation, passes the sequence each built-in mutant is killed with', async () => {
    const b = getSpec(id) as StatefulBundle;
    for (const m of b.mutants) {
      const wrong = modelBackend(id, {}, { [id]: m.model });
      const r = await checkSpec(b, wrong, { seed: 20261202, runs: 2000, only: ['sequence-model-agreement'] });
      const f = r.properties[0]?.failure;
      expect(f?.kind, `mutant ${m.name} survived`).toBe('steps');
      if (f?.kind !== 'steps') continue;
      const got = await cref.run(f.ringSequence);
      expect(got.map((g) => g.res), `${m.name}: ${JSON.stringify(sequenceToJson(f.ringSequence))}`).toEqual(runModel(b.model, f.ringSequence).map((w) => w.res));
    }
  });

  it(`agrees with the model on ${FUZZ_RUNS} drawn sequences`, async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(sequenceOf(decl), async (seq) => {
        const want = runModel(decl.model, seq);
        const got = await cref.run(seq);
        steps += seq.steps.length;
        const diff = got.findIndex((g, i) => g.res !== want[i]!.res || !(g.flags & NO_CQE) !== want[i]!.posted);
        if (diff >= 0) throw new Error(`step ${diff}: c-ref ${got[diff]!.res}, model ${want[diff]!.res} by ${want[diff]!.rule}\n${JSON.stringify(sequenceToJson(seq))}`);
      }),
      { numRuns: FUZZ_RUNS, seed: id === 'bpf-ops@v2' ? 0x0b0f2 : 0x0b0f3 },
    );
    expect(steps).toBeGreaterThan(FUZZ_RUNS);
  });
});
