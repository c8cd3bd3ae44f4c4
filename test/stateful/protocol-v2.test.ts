/**
 * Exec protocol version 2 both ways: the sequence request's bytes decode to the steps sent (and an
 * adapter written from docs/stateful.md alone answers them right), hellos of both versions are
 * accepted, a uring-spec/1 adapter makes a stateful spec a skip, and a sequence's response gets
 * the batch's crash and protocol handling.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { execBackend, type ExecBackend } from '../../backends/exec/exec-backend.js';
import { parseHello } from '../../backends/exec/hello.js';
import { decodeSequenceBody, encodeSequenceRequest, SEQUENCE_MARKER } from '../../backends/exec/step-record.js';
import { runModel } from '../../model/stateful.js';
import { sequenceOf } from '../../properties/stateful/commands.js';
import { checkSpec } from '../../runner/check.js';
import { REGISTER_ARG_KINDS, type Step } from '../../spec/stateful/step.js';
import { nopStep, registerStep, toyBundle } from '../fixtures/stateful-toy/toy.js';

const toy = toyBundle();
const adapter = fileURLToPath(new URL('../fixtures/adapters/toy-ring.mjs', import.meta.url));
const open: ExecBackend[] = [];
function toyRing(mode = ''): ExecBackend {
  const b = execBackend([process.execPath, adapter, ...(mode ? [mode] : [])], { name: `toy-ring${mode ? `:${mode}` : ''}`, batchTimeoutMs: 10_000 });
  open.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

const bigintJson = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** Register steps with every field drawn, and bpf_op steps: the record's whole width. */
const anyRegister: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('register' as const),
  opcode: fc.constantFrom(0, 2, 9, 13, 15, 16),
  nrArgs: fc.nat(),
  arg: fc.constantFrom(...REGISTER_ARG_KINDS),
  offset: fc.nat(),
  flags: fc.nat(),
  nr: fc.nat(),
  resv: fc.nat(),
  resv2: fc.nat(),
  tags: fc.boolean(),
  entries: fc.array(fc.record({ value: fc.integer({ min: -2, max: 0x7ffffff1 }), len: fc.nat(), tag: fc.nat() }), { maxLength: 8 }),
}).map((s) => ({ ...s, entries: [0, 15, 16].includes(s.opcode) ? s.entries.map((e) => ({ ...e, value: e.value >>> 0 })) : s.entries }));
const anyBpfOp: fc.Arbitrary<Step> = fc.record({ kind: fc.constant('bpf_op' as const), action: fc.constantFrom('register' as const, 'unregister' as const), id: fc.nat(255), ringFd: fc.integer({ min: -1, max: 0x7ffffff1 }) });

describe('the sequence request', () => {
  it('decodes to the steps and ring that were encoded (register, submit and bpf_op steps)', () => {
    const toySteps = toy.properties[0]!.arbitrary.map((t) => sequenceOf(t).steps);
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.oneof(anyRegister, anyBpfOp), { maxLength: 20 }), toySteps, (flags, more, steps) => {
        const all = [...steps, ...more].slice(0, 64);
        fc.pre(all.length > 0);
        const seq = { ring: { setupFlags: flags }, steps: all };
        const bytes = encodeSequenceRequest(seq);
        expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(SEQUENCE_MARKER);
        expect(bytes.length).toBe(8 + 64 + all.length * 256);
        expect(bigintJson(decodeSequenceBody(bytes.subarray(4)))).toBe(bigintJson(seq));
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('refuses a step count outside 1..64', () => {
    expect(() => encodeSequenceRequest({ ring: { setupFlags: 0 }, steps: [] })).toThrow(/0 steps, want 1\.\.64/);
    const body = new Uint8Array(4 + 64);
    new DataView(body.buffer).setUint32(0, 65, true);
    expect(() => decodeSequenceBody(body)).toThrow(/65 steps, want 1\.\.64/);
  });
});

describe('hello versions', () => {
  it('accepts uring-spec/1 (no sequences) and uring-spec/2 (sequences), and nothing else', () => {
    const line = (p: string) => JSON.stringify({ protocol: p, name: 'x', specs: [], data: false });
    expect(parseHello(line('uring-spec/1')).sequences).toBe(false);
    expect(parseHello(line('uring-spec/2')).sequences).toBe(true);
    expect(() => parseHello(line('uring-spec/3'))).toThrow(/protocol is "uring-spec\/3", expected "uring-spec\/1" or "uring-spec\/2"/);
  });
});

describe('an adapter written from docs/stateful.md', () => {
  it('answers every step of a sequence as the model predicts', async () => {
    const seq = { ring: { setupFlags: 0 }, steps: [registerStep(9), registerStep(9), registerStep(10, 1), nopStep(1), nopStep(2, 0xabcn), registerStep(9), registerStep(9, 1)] };
    const got = await toyRing().runSequence(seq);
    expect(got.map((o) => o.res)).toEqual([1, 2, 0, -22, 0, 3, -22]);
    expect(got.map((o) => o.res)).toEqual(runModel(toy.model, seq).map((o) => o.res));
    expect((await toyRing().probe()).sequences).toBe(true);
  });

  it('passes the toy spec check, and its lifecycle bug is caught with a short sequence', async () => {
    const good = await checkSpec(toy, toyRing(), { seed: 3, runs: 60 });
    expect(good.properties.map((p) => [p.name, p.status])).toEqual([['sequence-model-agreement', 'passed'], ['sequence-determinism', 'passed']]);
    const bad = await checkSpec(toy, toyRing('reuse'), { seed: 3, runs: 200, only: ['sequence-model-agreement'] });
    const f = bad.properties[0]!.failure!;
    expect(f.kind).toBe('steps');
    if (f.kind === 'steps') {
      expect(f.ringSequence.steps.length).toBeLessThanOrEqual(6);
      expect(f.message).toMatch(/^step \d+ of \d+: expected res \d+ \(OK\), got \d+ \(OK\)$/);
    }
  });

  it('speaking uring-spec/1 only, makes a stateful spec a skip that says so', async () => {
    const r = await checkSpec(toy, toyRing('v1'), { seed: 3, runs: 10 });
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/does not run sequences \(an exec adapter speaking uring-spec\/1 only; stateful specs need uring-spec\/2/);
    expect(r.properties).toEqual([]);
  });

  it('answering a sequence with too few outcomes is a protocol violation that ends the check', async () => {
    const r = await checkSpec(toy, toyRing('short'), { seed: 3, runs: 10 });
    const [first, second] = r.properties;
    expect(first!.failure?.kind).toBe('protocol');
    expect(first!.failure?.kind === 'protocol' && first!.failure.message).toMatch(/protocol violation: .*answered \d+ outcomes to sequence 1 \(\d+ steps?\) \(expected \d+\)/);
    expect(second!.status).toBe('not-run');
  });

  it('crashing on a sequence is that sequence failing, shrunk to the step that crashes it', async () => {
    const r = await checkSpec(toy, toyRing('crash'), { seed: 5, runs: 200, only: ['sequence-model-agreement'] });
    const f = r.properties[0]!.failure!;
    expect(f.kind).toBe('steps');
    if (f.kind !== 'steps') return;
    expect(f.cause).toBe('crash');
    expect(f.actual).toBeNull();
    expect(f.ringSequence.steps).toEqual([nopStep(6, 0n)]);
    expect(f.message).toMatch(/the backend failed on the 1-step sequence: .*exited with code 9 during sequence/);
  });
});
