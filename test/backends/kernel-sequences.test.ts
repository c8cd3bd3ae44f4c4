/**
 * The known-answer sequences of ring-lifecycle@6.18 on the live kernel: every vector of
 * test/vectors/ring-lifecycle-6.18.json goes to build/c/kernel-adapter as one sequence request
 * (exec protocol version 2) and every step's res must be the vector's. Skipped, with the reason,
 * where the adapter does not offer ring-lifecycle@6.18 (no io_uring, an old kernel).
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { runModel } from '../../model/stateful.js';
import { getSpec, type StatefulBundle } from '../../registry/specs.js';
import { checkSpec } from '../../runner/check.js';
import { sequenceToJson } from '../../spec/stateful/step-json.js';
import { startSequenceAdapter, type SequenceAdapter } from '../helpers/sequence-adapter.js';
import { loadParsedVectors } from '../helpers/stateful-vectors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPEC = 'ring-lifecycle@6.18';

async function start(): Promise<{ adapter: SequenceAdapter | null; reason: string }> {
  try {
    const { buildC } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build-c.mjs')).href)) as { buildC(o: { quiet?: boolean }): string[] };
    buildC({ quiet: true });
    const adapter = await startSequenceAdapter(join(ROOT, 'build', 'c', 'kernel-adapter'));
    const specs = adapter.hello.specs as string[];
    if (specs.includes(SPEC)) return { adapter, reason: '' };
    await adapter.close();
    return { adapter: null, reason: `the kernel adapter does not offer ${SPEC} here: ${JSON.stringify((adapter.hello.unsupported as Record<string, string>)[SPEC])}` };
  } catch (e) {
    return { adapter: null, reason: `the kernel adapter did not start: ${(e as Error).message}` };
  }
}

const { adapter, reason } = await start();
const vectors = loadParsedVectors('ring-lifecycle-6.18.json');

afterAll(async () => {
  await adapter?.close();
});

describe.skipIf(reason !== '')(`${SPEC} vectors on the live kernel${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('the hello speaks uring-spec/2', () => {
    expect(adapter!.hello.protocol).toBe('uring-spec/2');
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const got = await adapter!.run(v.sequence);
    const json = sequenceToJson(v.sequence);
    v.expected.forEach((e, i) => {
      expect(got[i], `${v.name} step ${i} ${JSON.stringify(json.steps[i])}: want ${e.res} (${e.rule})`).toEqual({ res: e.res, flags: 0 });
    });
  });

  it('every sequence runs on a fresh ring: the same sequence twice gives the same results', async () => {
    const v = vectors.find((x) => x.name === 'personality.cyclic-ids')!;
    const first = await adapter!.run(v.sequence);
    expect(await adapter!.run(v.sequence)).toEqual(first);
    expect(first.map((o) => o.res)).toEqual(v.expected.map((e) => e.res));
  });

  it('the sequence each built-in mutant is killed with is one the kernel answers as the model does (a correct implementation passes its replay)', async () => {
    const b = getSpec(SPEC) as StatefulBundle;
    for (const m of b.mutants) {
      const wrong = modelBackend(SPEC, {}, { [SPEC]: m.model });
      const r = await checkSpec(b, wrong, { seed: 20261202, runs: 5000, only: ['sequence-model-agreement'] });
      const f = r.properties[0]?.failure;
      expect(f?.kind, `mutant ${m.name} survived`).toBe('steps');
      if (f?.kind !== 'steps') continue;
      const got = await adapter!.run(f.ringSequence);
      const want = runModel(b.model, f.ringSequence);
      expect(got.map((g) => g.res), `${m.name}: ${JSON.stringify(sequenceToJson(f.ringSequence))}`).toEqual(want.map((w) => w.res));
    }
  }, 120_000);

  it('a bpf_op step is answered -EOPNOTSUPP (no BPF program here) and the steps around it still run', async () => {
    const got = await adapter!.run({
      ring: { setupFlags: 0 },
      steps: [
        { kind: 'register', opcode: 9, nrArgs: 0, arg: 'none', offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [] },
        { kind: 'bpf_op', action: 'register', id: 1, ringFd: 0x7ffffff0 },
        { kind: 'register', opcode: 9, nrArgs: 0, arg: 'none', offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [] },
      ],
    });
    expect(got).toEqual([
      { res: 1, flags: 0 },
      { res: -95, flags: 0 },
      { res: 2, flags: 0 },
    ]);
  });
});
