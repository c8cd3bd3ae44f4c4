/**
 * A stateful spec through the command line, end to end, with the toy spec registered in-process:
 * check (text, JSON, JUnit, corpus), the kill matrix of its built-in mutants (each a separate
 * adapter process speaking uring-spec/2), every printed replay command run again and failing
 * again, corpus sequences replayed first, same seed same report, and the commands that take
 * single-SQE specs only refusing it with a clear message.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TOY_ID, toyBundle } from '../fixtures/stateful-toy/toy.js';

beforeAll(() => {
  toyBundle();
});

/** The words of a printed command line as /bin/sh splits them (quoting and all), without `npx uring-spec`. */
function shellWords(command: string): string[] {
  const words = execFileSync('/bin/sh', ['-c', `set -- ${command}; printf '%s\\0' "$@"`], { encoding: 'utf8' }).split('\0').slice(0, -1);
  expect(words.slice(0, 2)).toEqual(['npx', 'uring-spec']);
  return words.slice(2);
}

/** Runs a report's replay command; it must fail again (exit 1) with a differing step. */
async function replayFailsAgain(command: string): Promise<string> {
  const r = await runCli(shellWords(command));
  expect(r.err).toBe('');
  expect(r.code, r.out).toBe(1);
  expect(r.out).toMatch(/DIFFERS {2}step \d+\/\d+: /);
  return r.out;
}

describe(`check --spec ${TOY_ID}`, () => {
  it('passes on the model, firing every rule, and the same seed gives the same report', async () => {
    const run = async () => {
      const r = await runCli(['check', '--spec', TOY_ID, '--backend', 'model', '--runs', '100', '--seed', '8', '--json', '--no-corpus']);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      for (const p of j.properties) p.ms = 0;
      return { ...j, ms: 0, casesPerSecond: 0 };
    };
    const a = await run();
    expect(a.properties.map((p: { name: string }) => p.name)).toEqual(['sequence-model-agreement', 'sequence-determinism']);
    expect(Object.values(a.rules).every((n) => (n as number) > 0)).toBe(true);
    expect(await run()).toEqual(a);
  });

  it('against a mutant: a minimal sequence step by step, a replay that fails again, a corpus line replayed first next time, JUnit', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'corpus.jsonl');
    const junit = join(dir, 'junit.xml');
    const args = ['check', '--spec', TOY_ID, '--backend', 'mutant:unregister-leaves-usable', '--runs', '300', '--seed', '4', '--corpus', corpus];
    const text = await runCli([...args, '--junit', junit]);
    expect(text.code, text.err).toBe(1);
    expect(text.out).toMatch(/FAIL {2}sequence-model-agreement/);
    expect(text.out).toMatch(/ring: setup flags 0x0, 8 SQ entries, fresh before step 1/);
    expect(text.out).toMatch(/> +\d+\. IORING_(UN)?REGISTER_PERSONALITY|> +\d+\. submit IORING_OP_NOP/);
    expect(text.out).toMatch(/record: kind=register opcode=10 nr_args=\d+ arg=none/);
    expect(text.out).toMatch(/expected -22 EINVAL \(toy\.(unregister\.unknown|nop\.unknown-personality)\), got 0 OK {3}<- differs/);
    expect(text.out).toMatch(/ret = syscall\(__NR_io_uring_register, ring_fd, 10 \/\* IORING_UNREGISTER_PERSONALITY \*\/, NULL, \d+\);/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    const cases = [xml.testsuites.testsuite.testcase].flat() as { '@_name': string; failure?: unknown }[];
    expect(cases.map((c) => c['@_name'])).toEqual(['sequence-model-agreement', 'sequence-determinism']);
    expect(cases[0]!.failure).toBeDefined();

    const lines = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual(expect.objectContaining({ spec: TOY_ID, property: 'sequence-model-agreement', sequence: expect.objectContaining({ version: 1, run: 'ring' }) }));
    expect(lines[0].sqe).toBeUndefined();

    const json = await runCli([...args.slice(0, -2), '--json', '--no-corpus']);
    const report = JSON.parse(json.out);
    const cx = report.properties[0].counterexample;
    expect(cx.kind).toBe('ring');
    expect(cx.sequence).toEqual(lines[0].sequence);
    expect(cx.steps.length).toBeLessThanOrEqual(6);
    expect(cx.steps.filter((s: { differs: boolean }) => s.differs)).toHaveLength(1);
    await replayFailsAgain(cx.replay);
    const reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, json.out);
    expect((await runCli(['replay', '--spec', TOY_ID, '--backend', 'mutant:unregister-leaves-usable', '--report', reportFile])).code).toBe(1);
    expect((await runCli(['replay', '--spec', TOY_ID, '--backend', 'model', '--report', reportFile])).code).toBe(0);

    // next time, the corpus sequence runs first (another seed: the random sequences differ)
    const again = await runCli([...args.slice(0, -3), '99', '--corpus', corpus, '--json']);
    const first = JSON.parse(again.out).properties[0];
    expect(first.name).toBe('corpus-replay');
    expect(first.status).toBe('failed');
    expect(first.counterexample.sequence).toEqual(lines[0].sequence);
    const fromCorpus = await runCli(['replay', '--spec', TOY_ID, '--backend', 'mutant:unregister-leaves-usable', '--corpus', corpus]);
    expect(fromCorpus.code).toBe(1);
    expect((await runCli(['replay', '--spec', TOY_ID, '--backend', 'model', '--corpus', corpus])).code).toBe(0);
  }, 120_000);
});

describe(`mutants --spec ${TOY_ID}`, () => {
  it('kills every built-in mutant (each in an adapter process) with at most 6 steps, and every printed replay fails again', async () => {
    const r = await runCli(['mutants', '--spec', TOY_ID, '--runs', '300', '--seed', '11', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.referenceName).toBe('model');
    expect(j.reference.status).toBe('passed');
    expect(j.killed).toBe(j.total);
    expect(j.mutants.map((m: { name: string }) => m.name)).toEqual(['personality-id-reused', 'unregister-leaves-usable']);
    for (const m of j.mutants) {
      expect(m.killedBy, m.name).toContain('sequence-model-agreement');
      expect(m.counterexample.kind).toBe('ring');
      expect(m.counterexample.steps.length, m.name).toBeLessThanOrEqual(6);
      expect(m.counterexample.replay).toContain(`--backend mutant:${m.name}`);
      await replayFailsAgain(m.counterexample.replay);
    }
    const text = await runCli(['mutants', '--spec', TOY_ID, '--runs', '300', '--seed', '11']);
    expect(text.out).toMatch(/reference model: passed/);
    expect(text.out).toMatch(/2\/2 mutants killed/);
  }, 120_000);
});

describe('commands and a stateful spec', () => {
  it('specs lists it as stateful, with its mutants', async () => {
    const r = await runCli(['specs']);
    expect(r.out).toContain(`${TOY_ID}: toy: personalities of one ring (stateful: sequences of steps on one ring)`);
    expect(r.out).toContain('  mutants: personality-id-reused, unregister-leaves-usable');
    const j = JSON.parse((await runCli(['specs', '--json'])).out) as { id: string; kind: string }[];
    expect(j.find((s) => s.id === TOY_ID)?.kind).toBe('stateful');
    expect(j.find((s) => s.id === 'bpf@v1')?.kind).toBe('case');
  });

  it('run, diff, --exhaustive and --sqe refuse it, saying why', async () => {
    const run = await runCli(['run', '--spec', TOY_ID, '--backend', 'model', '--sqe', '0'.repeat(128), '--ctx', 'default']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is stateful .*run evaluates single SQEs; run a sequence with replay --sequence/);
    const diff = await runCli(['diff', TOY_ID, 'bpf@v1']);
    expect(diff.code).toBe(2);
    expect(diff.err).toMatch(/is stateful .*diff compares single-SQE specs/);
    const ex = await runCli(['check', '--spec', TOY_ID, '--backend', 'model', '--exhaustive']);
    expect(ex.code).toBe(2);
    const sqe = await runCli(['replay', '--spec', TOY_ID, '--backend', 'model', '--sqe', '0'.repeat(128), '--ctx', 'default']);
    expect(sqe.code).toBe(2);
    expect(sqe.err).toMatch(/is stateful: replay a sequence of steps/);
  });

  it('a sequence record of the other kind, or of a run nobody knows, is refused, never replayed', async () => {
    const ring = { version: 1, run: 'ring', ring: { setupFlags: 0 }, steps: [{ kind: 'submit', sqe: {} }], differs: 0 };
    const onCase = await runCli(['replay', '--spec', 'nop@6.18', '--backend', 'model', '--sequence', JSON.stringify(ring)]);
    expect(onCase.code).toBe(2);
    expect(onCase.err).toMatch(/run is "ring" \(a stateful spec's steps on one ring\), expected "batch"/);
    const unknown = await runCli(['replay', '--spec', TOY_ID, '--backend', 'model', '--sequence', JSON.stringify({ ...ring, run: 'forked' })]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/run "forked" is not one this reader knows \(batch, ring\); refusing to replay it/);
    const ok = await runCli(['replay', '--spec', TOY_ID, '--backend', 'model', '--sequence', JSON.stringify(ring)]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('agrees  step 1/1: submit IORING_OP_NOP (0)');
  });
});
