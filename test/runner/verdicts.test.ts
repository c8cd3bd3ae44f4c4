/**
 * The runner tells the truth about every kind of failure (issue 10/11, runner side): a protocol
 * violation and a backend failing on every case are one failure that ends the check; a crash on
 * one input shrinks like any other failure; an order-dependent failure is a minimal sequence; a
 * flaky one says so with its counts. Every verdict is replayed here the way the report says.
 * In-process backends (test/helpers/faulty-backends.ts): no processes, no timing.
 */
import { describe, expect, it } from 'vitest';
import { BackendFailure } from '../../runner/backend.js';
import { checkSpec } from '../../runner/check.js';
import { runSequence } from '../../runner/sequence-run.js';
import { getSpec } from '../../registry/specs.js';
import { crashAfterEfault, crashOnPersonality, failingBackend, flakyBackend, leakingBackend } from '../helpers/faulty-backends.js';
import { emptyTableEinval } from '../helpers/broken-backend.js';
import { agreeWithModel } from '../../properties/checks.js';

const spec = getSpec('bpf@v1');
const env = { model: spec.model, env: { data: true } };

describe('a failure that ends the check', () => {
  it('a protocol violation: one failure naming it, its batch and the stderr tail; no bisection; the rest not run', async () => {
    const backend = failingBackend('protocol', 'fake: wrote 3 stray bytes');
    const r = await checkSpec(spec, backend, { seed: 1, runs: 500 });
    expect(r.status).toBe('failed');
    const failed = r.properties.filter((p) => p.status === 'failed');
    expect(failed).toHaveLength(1);
    const f = failed[0]!.failure!;
    expect(f.kind).toBe('protocol');
    if (f.kind !== 'protocol') return;
    expect(f.message).toMatch(/^protocol violation: .*answered \d+ outcomes to a batch of \d+, in answer to a batch of \d+ cases; stderr: fake: wrote 3 stray bytes; the check stopped here$/);
    expect(f.batch.length).toBeGreaterThan(1);
    expect(f.stderrTail).toBe('fake: wrote 3 stray bytes');
    expect(backend.batches).toBe(1);
    const rest = r.properties.filter((p) => p !== failed[0]);
    expect(new Set(rest.map((p) => `${p.status}: ${p.reason}`))).toEqual(new Set([`not-run: not run: the backend broke the exec protocol in ${failed[0]!.name}`]));
  });

  it.each([
    ['crash', /^the backend fails on every case: .*exited with code 3.*4 of 4 runs failed/, 'failed on every case'],
    ['hang', /^the backend never answers: .*no response within 50 ms.*4 of 4 runs failed/, 'stopped answering'],
  ] as const)('a backend that fails on every case (%s): one failure within a few runs, the rest not run', async (kind, message, reason) => {
    const backend = failingBackend(kind);
    const r = await checkSpec(spec, backend, { seed: 1, runs: 500 });
    const failed = r.properties.filter((p) => p.status === 'failed');
    expect(failed).toHaveLength(1);
    const f = failed[0]!.failure!;
    expect(f.kind === 'backend' && f.everyCase).toBe(true);
    expect(f.kind === 'backend' && f.message).toMatch(message);
    // the batch, then the first, middle and last trial alone
    expect(backend.batches).toBe(4);
    expect(r.properties.filter((p) => p.status === 'not-run').map((p) => p.reason)).toEqual(Array(r.properties.length - 1).fill(`not run: the backend ${reason} in ${failed[0]!.name}`));
  });

  it('a corpus the backend fails on entirely: the same one failure, in corpus-replay', async () => {
    const backend = failingBackend('crash');
    const corpus = [];
    for (const x of spec.exhaustive!()) if (corpus.push(x.case) >= 40) break;
    const r = await checkSpec(spec, backend, { seed: 1, runs: 10, corpus });
    expect(r.properties[0]!.name).toBe('corpus-replay');
    const f = r.properties[0]!.failure!;
    expect(f.kind === 'backend' && f.everyCase).toBe(true);
    expect(r.properties.filter((p) => p.status === 'failed')).toHaveLength(1);
    // the batch, then its first, middle and last case alone
    expect(backend.batches).toBe(4);
  });
});

describe('a crash on one input', () => {
  it('shrinks like any other failure, fields toward zero, to a case that crashes alone', async () => {
    const backend = crashOnPersonality(3);
    const r = await checkSpec(spec, backend, { seed: 5, runs: 1000, only: ['model-agreement'] });
    const f = r.properties[0]!.failure!;
    expect(f.kind).toBe('backend');
    if (f.kind !== 'backend') return;
    expect(f.everyCase).toBeUndefined();
    expect(f.flaky).toBeUndefined();
    expect(f.shrinks).toBeGreaterThan(0);
    expect(f.case.sqe.personality).toBe(3);
    expect([f.case.sqe.user_data, f.case.sqe.pad2, f.case.sqe.addr3, f.case.sqe.off]).toEqual([0n, 0n, 0n, 0n]);
    // the reported case replays: alone, it crashes the backend
    await expect(backend.run([f.case])).rejects.toBeInstanceOf(BackendFailure);
  });
});

describe('an order-dependent failure', () => {
  it('is shrunk to a minimal sequence that fails as one batch while each case agrees alone', async () => {
    const backend = leakingBackend();
    const r = await checkSpec(spec, backend, { seed: 3, runs: 2000, only: ['model-agreement', 'determinism'] });
    const p = r.properties.find((x) => x.name === 'model-agreement')!;
    const f = p.failure!;
    expect(f.kind).toBe('violation');
    expect(f.flaky).toBeUndefined();
    const seq = f.sequence!;
    expect(seq.cases).toHaveLength(2);
    expect(seq.differs).toBe(1);
    if (f.kind !== 'violation') return;
    expect(f.violation.message).toMatch(/^order-dependent: case 2 of a 2-case sequence run as one batch is wrong, and it is right alone: .*got -14 \(EFAULT\)/);
    expect(f.violation.case).toEqual(seq.cases[1]);
    // replayed the way the report says: as one batch it fails at the differing case...
    const v = await runSequence(backend, seq.cases, env);
    expect(v?.differs).toBe(1);
    // ...and each case alone agrees with the model
    for (const c of seq.cases) expect(agreeWithModel(c, (await backend.run([c]))[0]!, spec.model(c), { data: true })).toBeNull();
    // shrunk: the differing case's fields are zero but for the opcode
    expect({ ...seq.cases[1]!.sqe, opcode: 0 }).toEqual(Object.fromEntries(Object.entries(seq.cases[1]!.sqe).map(([k, x]) => [k, typeof x === 'bigint' ? 0n : 0])));
  });
});

describe('an order-dependent crash', () => {
  it('a batch that crashes while no case does alone is not swallowed: a minimal sequence that crashes as one batch', async () => {
    const backend = crashAfterEfault();
    const r = await checkSpec(spec, backend, { seed: 3, runs: 2000, only: ['model-agreement'] });
    const f = r.properties[0]!.failure!;
    expect(f.kind).toBe('backend');
    expect(f.flaky).toBeUndefined();
    const seq = f.sequence!;
    expect(seq.cases).toHaveLength(2);
    expect(spec.model(seq.cases[0]!).res).toBe(-14);
    expect(f.kind === 'backend' && f.message).toMatch(/^order-dependent: case 2 of a 2-case sequence run as one batch is wrong, and it is right alone: .*SIGSEGV/);
    // replayed as the report says: the batch crashes, each case alone is answered and agrees
    await expect(backend.run(seq.cases)).rejects.toBeInstanceOf(BackendFailure);
    for (const c of seq.cases) expect(agreeWithModel(c, (await backend.run([c]))[0]!, spec.model(c), { data: true })).toBeNull();
  });
});

describe('a flaky backend', () => {
  it('is reported as nondeterministic with the counts, never as a plain counterexample, and its replays agree', async () => {
    const backend = flakyBackend(1500);
    const r = await checkSpec(spec, backend, { seed: 2, runs: 2000, only: ['model-agreement'] });
    expect(r.status).toBe('failed');
    const f = r.properties[0]!.failure!;
    expect(f.flaky).toBeDefined();
    expect(f.shrinks).toBe(0);
    expect(f.sequence).toBeUndefined();
    expect(f.kind === 'violation' && f.violation.message).toMatch(/^nondeterministic \(flaky\): it failed once, then \d of 3 replays alone/);
    expect(f.flaky!.alone.failed).toBeLessThan(f.flaky!.alone.runs);
    if (f.flaky!.batch) expect(f.flaky!.batch.failed).toBeLessThan(f.flaky!.batch.runs);
  });
});

describe('a deterministic failure', () => {
  it('is a plain minimal counterexample whose case fails alone on every replay', async () => {
    const r = await checkSpec(spec, emptyTableEinval, { seed: 3, runs: 500, only: ['model-agreement'] });
    const f = r.properties[0]!.failure!;
    expect([f.kind, f.flaky, f.sequence]).toEqual(['violation', undefined, undefined]);
    if (f.kind !== 'violation') return;
    for (let i = 0; i < 3; i++) expect((await runSequence(emptyTableEinval, [f.violation.case], env))?.differs).toBe(0);
  });
});
