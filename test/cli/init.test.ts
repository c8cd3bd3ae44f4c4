/**
 * `uring-spec init`: each language's scaffold builds, speaks the protocol, and fails its first
 * check with a readable report (every case answers -ENOSYS), in a clean temp dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../report/shell-quote.js';
import { runCli } from '../helpers/run-cli.js';

const base = mkdtempSync(join(tmpdir(), 'uring-spec-init-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const found = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

const LANGS = [
  { lang: 'c', needs: ['make', process.env.CC || 'cc'], build: ['make'], run: './adapter', files: ['Makefile', 'README.md', 'adapter.c', 'kit'] },
  { lang: 'python', needs: ['python3'], build: null, run: 'python3 adapter.py', files: ['README.md', 'adapter.py'] },
  { lang: 'node', needs: [], build: null, run: 'node adapter.mjs', files: ['README.md', 'adapter.mjs'] },
] as const;

describe.each(LANGS)('init --lang $lang', ({ lang, needs, build, run, files }) => {
  it('writes an adapter that builds, and whose first check fails with a readable report', async (ctx) => {
    const missing = needs.filter((n) => !found(n));
    if (missing.length > 0) ctx.skip(`${missing.join(' and ')} not installed on this machine`);
    const dir = join(base, `my-${lang}-adapter`);
    const init = await runCli(['init', '--lang', lang, dir]);
    expect(init.code, init.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...files]);
    // the printed next steps are the ones this test runs
    expect(init.out).toContain(`--backend ${shellQuote(`exec:${run}`)}`);
    if (build) {
      const b = spawnSync(build[0], build.slice(1), { cwd: dir, encoding: 'utf8' });
      expect(b.status, b.stdout + b.stderr).toBe(0);
    }
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', `exec:cd ${shellQuote(dir)} && ${run}`, '--runs', '50', '--seed', '1', '--corpus', join(dir, 'corpus.jsonl')]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err).not.toMatch(/internal error|    at /);
    expect(r.out).toMatch(/FAIL {2}model-agreement/);
    expect(r.out).toContain('got      -38 ENOSYS');
    expect(r.out).toMatch(/expected -?\d+ \w+ \(bpf\.[a-z0-9.-]+\)/);
    expect(r.out).toContain('replay:');
    // the decoding is the harness's own and passes: only the unimplemented semantics fail
    expect(r.out).toMatch(/pass {2}sqe-codec-bytes-roundtrip/);
    // its hello names it after its directory; end of input at once is a clean end (exit 0)
    const hello = spawnSync('sh', ['-c', run], { cwd: dir, input: '', encoding: 'utf8' });
    expect(hello.status, hello.stderr).toBe(0);
    expect(JSON.parse(hello.stdout.split('\n')[0]!)).toEqual({ protocol: 'uring-spec/1', name: `my-${lang}-adapter`, specs: ['bpf@v1'], data: true });
  });
});

describe('init: bad input', () => {
  it.each([
    [['init', 'x'], /init: --lang is required \(one of c, python, node\)/],
    [['init', '--lang', 'rust', 'x'], /init: --lang rust: unknown language \(valid: c, python, node\)/],
    [['init', '--lang', 'c'], /init: give exactly one directory, got 0/],
    [['init', '--lang', 'c', '--spec', 'bpf@v9', 'x'], /init: unknown spec 'bpf@v9'/],
    [['init', '--lang', 'c', '--name', 'my "adapter"', 'x'], /init: adapter name 'my "adapter"' may only use/],
  ])('%j: exit 2, one line', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a directory that is not empty and leaves it alone', async () => {
    const dir = join(base, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'mine.txt'), 'keep');
    const r = await runCli(['init', '--lang', 'node', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`init: ${dir} exists and is not empty`);
    expect(readdirSync(dir)).toEqual(['mine.txt']);
    expect(existsSync(join(dir, 'adapter.mjs'))).toBe(false);
  });
});
