/**
 * Verdicts CI can trust: exit codes that never hide a skipped or partial run, reports that survive
 * a corpus that cannot be written, and nothing left running after SIGTERM. The CLI runs as the
 * installed command (bin/uring-spec.js on dist/), as CI runs it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';
import { EXIT_CODES_TEXT } from '../../cli/exit-codes.js';
import { checkExitCode } from '../../cli/verdict.js';
import type { CheckReport } from '../../report/json.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = projectRoot();
const BIN = join(ROOT, 'bin', 'uring-spec.js');
const FAKE = join(ROOT, 'test', 'fixtures', 'adapters', 'fake.mjs');
const built = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));


/** Runs the installed command; resolves with its exit code and output. */
function cli(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (err += b));
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
    onStart?.(child);
  });
}

/** Pids of processes whose process group is `pgid`, or that are `pid` (zombies excluded: they are dead). */
function survivors(pgid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && (Number(fields[2]) === pgid || Number(d) === pgid)) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The process group of `pid`. */
function pgidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** The pid of the fake adapter started with argument `arg` (by its command line), or null. */
function adapterPid(arg: string): number | null {
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (argv.includes(FAKE) && argv.includes(arg)) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const report = (statuses: string[], status: CheckReport['status'] = 'passed'): CheckReport => ({
  spec: 'bpf@v1',
  backend: 'x',
  status,
  seed: 1,
  cases: 0,
  casesPerSecond: 0,
  ms: 0,
  interrupted: false,
  properties: statuses.map((s, i) => ({ name: i === 0 ? 'sqe-codec-bytes-roundtrip' : `p${i}`, status: s as 'passed', cases: 1, ms: 0 })),
  rules: {},
});

describe('exit codes', () => {
  const offline = ['sqe-codec-bytes-roundtrip'];
  it.each([
    ['every property passed', report(['passed', 'passed', 'passed']), {}, 0],
    ['a property failed', report(['passed', 'failed', 'passed'], 'failed'), {}, 1],
    ['a property failed, with everything allowed', report(['passed', 'failed'], 'failed'), { allowSkip: true, allowPartial: true }, 1],
    ['the time budget left properties unrun', report(['passed', 'passed', 'not-run']), {}, 1],
    ['... with --allow-partial', report(['passed', 'passed', 'not-run']), { allowPartial: true }, 0],
    ['the backend cannot run the spec', report([], 'skipped'), {}, 77],
    ['... with --allow-skip', report([], 'skipped'), { allowSkip: true }, 0],
    ['only offline (codec) properties ran, the rest skipped', report(['passed', 'skipped', 'skipped']), {}, 77],
    ['some properties skipped (no registered ops), others ran', report(['passed', 'passed', 'skipped']), {}, 0],
  ])('%s', (_what, r, opts, code) => {
    expect(checkExitCode(r, { ...opts, offline })).toBe(code);
  });

  it('the table in --help is the table in the README', async () => {
    const help = await runCli(['--help']);
    expect(help.out).toContain(EXIT_CODES_TEXT);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(EXIT_CODES_TEXT);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`uring-spec ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it.each([
    ['URING_SPEC_BATCH_TIMEOUT_MS', 'abc'],
    ['URING_SPEC_BATCH_TIMEOUT_MS', '0'],
    ['URING_SPEC_STARTUP_TIMEOUT_MS', '-5'],
    ['URING_SPEC_KERNEL_WAIT_MS', '1.5'],
  ])('%s=%s is bad usage: exit 2, one line naming it', async (name, value) => {
    const saved = process.env[name];
    process.env[name] = value;
    try {
      const r = await runCli(['check', '--spec', 'bpf@v1', '--backend', 'model', '--runs', '1', '--no-corpus']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^check: ${name} must be .*, got '${value}'\\n$`));
    } finally {
      if (saved === undefined) delete process.env[name];
      else process.env[name] = saved;
    }
  });
});

describe('the installed command', () => {
  it.skipIf(!built)('an adapter that implements no spec the check asks for: exit 77, and 0 with --allow-skip', async () => {
    const backend = `exec:'${process.execPath}' '${FAKE}' misspelt-spec`;
    const r = await cli(['check', '--spec', 'bpf@v1', '--backend', backend, '--runs', '5', '--no-corpus']);
    expect(r.code).toBe(77);
    expect(r.out).toMatch(/SKIPPED, nothing ran: backend .* does not implement bpf@v1 \(it implements: bpf@v1x\)/);
    const allowed = await cli(['check', '--spec', 'bpf@v1', '--backend', backend, '--runs', '5', '--no-corpus', '--allow-skip']);
    expect(allowed.code).toBe(0);
    // run and replay cannot run anything either: 77, one line
    const run = await runCli(['run', '--spec', 'bpf@v1', '--backend', backend, '--sqe', '41' + '00'.repeat(63), '--ctx', '{"setupFlags":0,"nrBufs":0,"bufSize":4096,"ops":[],"personalities":0}']);
    expect(run.code).toBe(77);
    expect(run.err).toMatch(/^run: backend .* cannot run bpf@v1: not implemented \(it implements: bpf@v1x\)\n$/);
  });

  it.skipIf(!built)('a failing check whose corpus cannot be written: the full report, a warning naming the path, exit 1', async () => {
    const r = await cli(['check', '--spec', 'bpf@v1', '--backend', 'mutant:custom-flags-ignored', '--runs', '50', '--seed', '1', '--corpus', '/proc/nope/c.jsonl']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL {2}custom-flags-einval/);
    expect(r.out).toMatch(/^failed: \d+ properties passed, \d+ failed/m);
    expect(r.err).toBe('check: warning: the failing cases were not added to the corpus: cannot write /proc/nope/c.jsonl: no such file or directory (ENOENT)\n');
  });

  it.skipIf(!built)('an adapter that exits after its hello: exit 1, the failure says so', async () => {
    const r = await cli(['check', '--spec', 'bpf@v1', '--backend', `exec:'${process.execPath}' '${FAKE}' exit-after-hello`, '--runs', '10', '--no-corpus']);
    expect(r.code).toBe(1);
    // the runner's every-case probe or the exec session's restart budget, whichever decides first: one failure that says so
    expect(r.out).toMatch(/fails on every case: .*exited with code 0|exits after every batch: 3 sessions in a row ended before answering/);
    expect(r.out.match(/^ {2}FAIL /gm)?.length).toBe(1);
  });

  it.skipIf(!built)('SIGTERM while the adapter hangs: the partial report, exit 143, nothing of the adapter left', async () => {
    const note = join(tempDir(), 'in-flight');
    let child!: ReturnType<typeof spawn>;
    const done = cli(['check', '--spec', 'bpf@v1', '--backend', `exec:'${process.execPath}' '${FAKE}' hang-with-child '${note}'`, '--runs', '10', '--no-corpus', '--batch-timeout', '600'], (c) => (child = c));
    let r: Awaited<typeof done>;
    let group: number;
    try {
      await until(() => existsSync(note), 'the adapter to receive a batch');
      const pid = adapterPid(note);
      expect(pid).not.toBeNull();
      group = pgidOf(pid!);
      expect(survivors(group).length).toBeGreaterThan(1); // the adapter (and its shell) and its sleep
    } finally {
      child.kill('SIGTERM'); // also when an expectation failed: the CLI must not outlive the test
      r = await done;
    }
    expect([r.code, r.signal]).toEqual([143, null]);
    expect(r.out).toMatch(/INTERRUPTED by SIGTERM: /);
    expect(r.out).not.toMatch(/^passed/m);
    expect(r.out).toMatch(/n\/a +model-agreement +0 cases +\(interrupted by SIGTERM\)/);
    // the group the adapter was started in: nothing in it survives, not even the sleep
    expect(survivors(group!)).toEqual([]);
  });
});
