/** The command line: outputs, exit codes, and one-line errors for bad input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// IORING_OP_BPF with IORING_BPF_OP_FLAGS(3, 1, 0, 0) = 0x03200000, addr 0x1000, len 16
const validHex = '41' + '00'.repeat(15) + '0010000000000000' + '10000000' + '00002003' + '00'.repeat(32);
const ring = JSON.stringify({ setupFlags: 1 << 20, nrBufs: 0, bufSize: 4096, ops: [3], personalities: 0 });
const plain = JSON.stringify({ setupFlags: 0, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 });


describe('uring-spec check', () => {
  it('passes against the model, with the documented JSON', async () => {
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '300', '--seed', '42', '--json', '--no-corpus']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ spec: 'bpf@v1', backend: 'model', status: 'passed', seed: 42 });
    expect(j.cases).toBeGreaterThan(0);
    expect(j.properties.every((p: { status: string }) => p.status === 'passed')).toBe(true);
  });

  it('fails with exit 1 when a rule fires fewer than --min-rule-hits times', async () => {
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '10', '--seed', '1', '--min-rule-hits', '100000', '--no-corpus']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('rules fired fewer than 100000 times');
  });

  it.each([
    [['check', '--spec', 'bpf@v9', '--backend', 'model'], /unknown spec 'bpf@v9' \(valid: bpf@v1/],
    [['check', '--spec', 'bpf@v1', '--backend', 'qemu'], /unknown backend 'qemu' \(valid: model, c-ref/],
    [['check', '--spec', 'bpf@v1'], /--backend is required/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', 'many'], /--runs takes a whole number/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--shard', '3/3'], /--shard 3\/3/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', 'abc', '--ctx', 'default'], /sqe: expected 128 hex digits/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', 'zz' + validHex.slice(2), '--ctx', 'default'], /not hex/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex], /^run: --sqe needs --ctx JSON with every key \(setupFlags, nrBufs, bufSize, ops, personalities\), or --ctx default/],
    [['replay', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex], /^replay: --sqe needs --ctx/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', '{"setupFlags":1048576,"ops":[3]}'], /--sqe\/--ctx: ctx: missing keys nrBufs, bufSize, personalities/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--batch-timeout', 'soon'], /^check: --batch-timeout takes a positive number of seconds, got 'soon'/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', plain.replace('"nrBufs":0', '"nrBufs":-1')], /nrBufs/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', plain.replace('{', '{"rings":1,')], /Unrecognized key/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', '00'.repeat(64), '--ctx', 'default'], /opcode 0 is outside bpf@v1/],
    [['decode', 'xyz'], /decode: sqe: not hex/],
    // one wording for file errors, naming the path, in every command
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--junit', '/nonexistent-dir/j.xml'], /^check: --junit: cannot write \/nonexistent-dir\/j.xml: no such file or directory \(ENOENT\)/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--corpus', '/'], /^check: cannot read \/: is a directory \(EISDIR\)/],
    [['replay', '--spec', 'bpf@v1', '--backend', 'model', '--corpus', '/nonexistent-corpus.jsonl'], /^replay: cannot read \/nonexistent-corpus.jsonl: no such file or directory \(ENOENT\)/],
    [['replay', '--spec', 'bpf@v1', '--backend', 'model', '--report', '/nonexistent-report.json'], /^replay: cannot read \/nonexistent-report.json: no such file or directory \(ENOENT\)/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--cases', '/nonexistent-cases.jsonl'], /^run: cannot read \/nonexistent-cases.jsonl: no such file or directory \(ENOENT\)/],
    [['frob'], /unknown command 'frob'/],
  ])('%j is bad usage: exit 2, one line', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('    at ');
  });
});

describe('uring-spec run', () => {
  it('evaluates one case', async () => {
    const r = await runCli(['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', ring, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ res: 0, errno: 'OK', rule: 'bpf.prep.ok', posted: true, data: { opf: 0x03200000, buf1_addr: '0x1000', buf1_len: 16, buf2_addr: '0x0', buf2_len: 0, buf_index: 0 } });
  });

  it('evaluates a cases file, one JSON line per input line', async () => {
    const file = join(tempDir(), 'cases.jsonl');
    writeFileSync(file, [JSON.stringify({ sqe: validHex, ctx: JSON.parse(ring) }), '# a comment', JSON.stringify({ sqe: validHex, ctx: JSON.parse(plain) })].join('\n') + '\n');
    const r = await runCli(['run', '--spec', 'bpf@v1', '--backend', 'model', '--cases', file]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.res, l.errno, l.rule])).toEqual([
      [1, 0, 'OK', 'bpf.prep.ok'],
      [2, undefined, undefined, undefined],
      [3, -13, 'EACCES', 'bpf.setup.missing'],
    ]);
    expect(lines[1]).toEqual({ line: 2, skipped: 'blank or comment line' });
  });

  it('a cases file with bad lines: every good line is evaluated, line i answers line i, exit 2 with the count', async () => {
    const file = join(tempDir(), 'mixed.jsonl');
    const bad = [
      JSON.stringify({ sqe: validHex, ctx: JSON.parse(ring) }),
      'not json',
      JSON.stringify({ sqe: '00'.repeat(64), ctx: JSON.parse(plain) }),
      JSON.stringify({ sqe: validHex, ctx: { setupFlags: 0 } }),
      JSON.stringify({ sqe: validHex, ctx: JSON.parse(plain) }),
    ];
    writeFileSync(file, bad.join('\n'));
    const r = await runCli(['run', '--spec', 'bpf@v1', '--backend', 'model', '--cases', file]);
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[0]).toMatchObject({ res: 0, rule: 'bpf.prep.ok' });
    expect(lines[1]).toEqual({ line: 2, error: 'not JSON' });
    expect(lines[2].error).toMatch(/opcode 0 is outside bpf@v1/);
    expect(lines[3].error).toMatch(/ctx: missing keys nrBufs, bufSize, ops, personalities/);
    expect(lines[4]).toMatchObject({ res: -13, rule: 'bpf.setup.missing' });
    expect(r.err).toMatch(/^run: 3 of 5 lines rejected/);
  });

  it('--ctx default runs the plain ring and says which context it used', async () => {
    const r = await runCli(['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', 'default', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`run: --ctx default: ${plain}\n`);
    expect(JSON.parse(r.out)).toMatchObject({ res: -13, rule: 'bpf.setup.missing' });
  });
});

describe('uring-spec decode and specs', () => {
  it('decodes fields and bpf_op_flags', async () => {
    const r = await runCli(['decode', validHex]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/opcode .*= 65 0x41/);
    expect(r.out).toMatch(/addr .*= 4096 0x0000000000001000/);
    expect(r.out).toMatch(/op +bits 31-24 += 3/);
    expect(r.out).toMatch(/buf1_type +bits 23-21 += 1/);
  });

  it('lists specs and rules', async () => {
    const r = await runCli(['specs', '--json']);
    const specs = JSON.parse(r.out);
    const bpf = specs.find((s: { id: string }) => s.id === 'bpf@v1');
    expect(bpf.rules.map((x: { id: string }) => x.id)).toContain('bpf.buf1.fixed.empty-table');
  });
});

describe('uring-spec replay', () => {
  it('shows agreement, or the difference, against the model', async () => {
    const ok = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', ring]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('1 agree, 0 differ');
  });
});

describe('corpus files with a bad line', () => {
  const good = JSON.stringify({ spec: 'bpf@v1', sqe: validHex, ctx: JSON.parse(ring) });

  it('replay --corpus replays every good line, names each bad one, exits 2', async () => {
    const file = join(tempDir(), 'c.jsonl');
    writeFileSync(file, [good, '{oops', good.replace('"ops":[3]', '"ops":[3,3]')].join('\n') + '\n');
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--corpus', file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('1 agree, 0 differ');
    expect(r.err).toBe(`replay: corpus ${file}:2: not JSON\nreplay: corpus ${file}:3: ctx: ops: op ids must be unique (keys: setupFlags, nrBufs, bufSize, ops, personalities)\nreplay: 2 corpus lines rejected\n`);
  });

  it('check replays the good lines of its corpus and exits 2 for the bad ones (1 when a property fails)', async () => {
    const file = join(tempDir(), 'c.jsonl');
    writeFileSync(file, [good, 'garbage'].join('\n') + '\n');
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '5', '--seed', '1', '--corpus', file, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).properties[0]).toMatchObject({ name: 'corpus-replay', status: 'passed', cases: 1 });
    expect(r.err).toBe(`check: corpus ${file}:2: not JSON\ncheck: 1 corpus line rejected\n`);
    const failing = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '50', '--seed', '1', '--corpus', file]);
    expect(failing.code).toBe(1);
  });
});

describe('seeds and failing backends', () => {
  it('takes a negative seed back as the same unsigned seed', async () => {
    const a = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '20', '--seed', '-5', '--json', '--no-corpus']);
    const b = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '20', '--seed', String(2 ** 32 - 5), '--json', '--no-corpus']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).seed).toBe(2 ** 32 - 5);
    expect(JSON.parse(a.out).rules).toEqual(JSON.parse(b.out).rules);
  });

  it('replay of a case that crashes the backend: DIFFERS with the failure, exit 1', async () => {
    const crash = '41' + '00'.repeat(27) + '00000800' + '00'.repeat(32); // buffer 2 fixed
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'mutant:crash-on-buf2-fixed', '--sqe', crash, '--ctx', plain.replace('"setupFlags":0', '"setupFlags":1048576')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DIFFERS/);
    expect(r.out).toMatch(/backend failure: .*killed by SIGSEGV/);
  });

  it('a bad report file for replay is named as such', async () => {
    const file = join(tempDir(), 'r.json');
    writeFileSync(file, JSON.stringify({ properties: 5 }));
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--report', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a check --json report/);
  });
});
