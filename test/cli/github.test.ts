/** `check` on GitHub Actions: ::error annotations for failures, the summary in $GITHUB_STEP_SUMMARY. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from '../../report/github.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'uring-spec-github-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** Undoes the runner's unescaping, as actions/toolkit's command parser does. */
const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe('workflow-command escaping', () => {
  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('mutant:x, 50%\n')).toBe('mutant%3Ax%2C 50%25%0A');
    // escaping % first: an input that already looks escaped survives the round trip
    expect(unescape(escapeData('%0A literal'))).toBe('%0A literal');
  });

  it('annotates nothing for a clean pass and warns for a skipped spec', () => {
    const base = { spec: 'bpf@v1', backend: 'c-ref', seed: 1, cases: 0, casesPerSecond: 0, ms: 0, interrupted: false, properties: [], rules: {} };
    expect(githubAnnotations({ ...base, status: 'passed' })).toEqual([]);
    expect(githubAnnotations({ ...base, status: 'skipped', reason: 'no BPF here' })).toEqual(['::warning title=uring-spec bpf@v1 on c-ref%3A skipped::no BPF here']);
  });
});

describe('check with GITHUB_ACTIONS=true', () => {
  it('prints one ::error per failed property with the reproduction and appends the summary', async () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '200', '--seed', '7', '--no-corpus']);
    expect(r.code).toBe(1);
    const errors = r.out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const line of errors) expect(line).not.toContain('\n'); // one command is one line
    const custom = errors.find((l) => l.startsWith('::error title=uring-spec bpf@v1 on mutant%3Acustom-flags-ignored%3A custom-flags-einval::'));
    expect(custom, r.out).toBeDefined();
    const text = unescape(custom!.slice(custom!.indexOf('::', 2) + 2));
    expect(text).toMatch(/^property custom-flags-einval failed \(seed 7, \d+ cases\)\n/);
    expect(text).toContain('expected -22 EINVAL (bpf.custom-flags.set)');
    expect(text).toContain('npx uring-spec replay --spec bpf@v1 --backend mutant:custom-flags-ignored --sqe 41');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    expect(md).toContain('## ❌ uring-spec bpf@v1 on mutant:custom-flags-ignored: failed');
    expect(md).toContain('### ❌ custom-flags-einval');
  });

  it('keeps stdout pure JSON with --json: the annotations go to stderr', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '200', '--seed', '7', '--no-corpus', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).status).toBe('failed');
    expect(r.err).toMatch(/^::error title=uring-spec bpf@v1 on mutant%3Acustom-flags-ignored%3A custom-flags-einval::/m);
  });

  it('prints no annotation when the check passes', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '20', '--seed', '7', '--no-corpus']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('::error');
  });
});

describe('check --reporter github', () => {
  it('annotates outside GitHub Actions too', async () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '200', '--seed', '7', '--no-corpus', '--reporter', 'github']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error title=uring-spec bpf@v1 on mutant%3Acustom-flags-ignored%3A custom-flags-einval::');
  });

  it('does not annotate without it outside GitHub Actions', async () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '200', '--seed', '7', '--no-corpus']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('::error');
  });

  it.each([
    [['--reporter', 'teamcity'], {}, /check: --reporter teamcity: unknown reporter \(valid: github\)/],
    [[], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/nonexistent-dir/summary.md' }, /check: GITHUB_STEP_SUMMARY \/nonexistent-dir\/summary.md: cannot write \(ENOENT\)/],
  ])('%j %j is bad usage before any case runs', async (extra, env, message) => {
    for (const [k, val] of Object.entries(env)) vi.stubEnv(k, val);
    const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--no-corpus', ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
