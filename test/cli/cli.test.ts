/** The command line: outputs, exit codes, and one-line errors for bad input. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// IORING_OP_BPF with IORING_BPF_OP_FLAGS(3, 1, 0, 0) = 0x03200000, addr 0x1000, len 16
const validHex = '41' + '00'.repeat(15) + '0010000000000000' + '10000000' + '00002003' + '00'.repeat(32);
const ring = JSON.stringify({ setupFlags: 1 << 20, ops: [3] });

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
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', 'abc'], /sqe: expected 128 hex digits/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', 'zz' + validHex.slice(2)], /not hex/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', '{"nrBufs":-1}'], /nrBufs/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', validHex, '--ctx', '{"rings":1}'], /Unrecognized key/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--sqe', '00'.repeat(64)], /opcode 0 is outside bpf@v1/],
    [['decode', 'xyz'], /decode: sqe: not hex/],
    [['check', '--spec', 'bpf@v1', '--backend', 'model', '--junit', '/nonexistent-dir/j.xml'], /--junit \/nonexistent-dir\/j.xml: cannot write \(ENOENT\)/],
    [['replay', '--spec', 'bpf@v1', '--backend', 'model', '--corpus', '/nonexistent-corpus.jsonl'], /cannot read corpus/],
    [['run', '--spec', 'bpf@v1', '--backend', 'model', '--cases', '/nonexistent-cases.jsonl'], /cannot read \/nonexistent-cases.jsonl: ENOENT/],
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

  it('evaluates a cases file, one JSON outcome a line', async () => {
    const file = join(tempDir(), 'cases.jsonl');
    writeFileSync(file, [JSON.stringify({ sqe: validHex, ctx: JSON.parse(ring) }), '# a comment', JSON.stringify({ sqe: validHex, ctx: {} })].join('\n'));
    const r = await runCli(['run', '--spec', 'bpf@v1', '--backend', 'model', '--cases', file]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.res, l.errno, l.rule])).toEqual([
      [0, 'OK', 'bpf.prep.ok'],
      [-13, 'EACCES', 'bpf.setup.missing'],
    ]);
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
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'mutant:crash-on-buf2-fixed', '--sqe', crash, '--ctx', '{"setupFlags":1048576}']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DIFFERS/);
    expect(r.out).toMatch(/backend failure: .*signal/);
  });

  it('a bad report file for replay is named as such', async () => {
    const file = join(tempDir(), 'r.json');
    writeFileSync(file, JSON.stringify({ properties: 5 }));
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--report', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a check --json report/);
  });
});
