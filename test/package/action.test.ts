/**
 * action.yml, the composite action: its structure (every input and step output it references
 * exists, every run step names its shell, third-party actions are pinned to a major version) and
 * the shell of its check and fail steps, run here with a stand-in CLI that records its arguments,
 * writes a corpus line and exits as told. The real CLI's GitHub output is test/cli/github.test.ts.
 * Needs python3 with PyYAML to read the YAML (this repo has no YAML parser of its own).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const text = readFileSync(join(root, 'action.yml'), 'utf8');
const parsed = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: text, encoding: 'utf8' });
const noYaml = parsed.status !== 0 ? 'python3 with PyYAML is needed to read action.yml here' : null;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
}
const action = noYaml ? null : (JSON.parse(parsed.stdout) as { inputs: Record<string, { required?: boolean; default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } });
const dir = mkdtempSync(join(tmpdir(), 'uring-spec-action-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The step's `run` with its `env` filled in from inputs, run as the runner runs a bash step. */
function runStep(name: string, inputs: Record<string, string>, steps: Record<string, Record<string, string>>, extraEnv: Record<string, string>) {
  const step = action!.runs.steps.find((s) => s.id === name || s.name === name)!;
  const expand = (v: string) =>
    v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => inputs[k] ?? action!.inputs[k]?.default ?? '').replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_, s: string, o: string) => steps[s]?.[o] ?? '');
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: dir, env: { ...process.env, ...env, ...extraEnv }, encoding: 'utf8' });
}

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('action.yml', () => {
  it('is a composite action whose references all resolve', (ctx) => {
    if (noYaml) return ctx.skip(noYaml);
    const a = action!;
    expect(a.runs.using).toBe('composite');
    expect(a.inputs.backend?.required).toBe(true);
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(a.inputs), `inputs.${m[1]}`).toContain(m[1]);
    const ids = a.runs.steps.map((s) => s.id).filter(Boolean);
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs/g)) expect(ids, `steps.${m[1]}`).toContain(m[1]);
    for (const s of a.runs.steps) {
      if (s.run) expect(s.shell, s.name).toBe('bash');
      if (s.uses) expect(s.uses).toMatch(/^actions\/[\w-]+@v\d+$/);
    }
    expect(a.runs.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.if === "steps.check.outputs.exit-code == '1'")).toBe(true);
  });

  it.each([0, 1, 2])('passes the inputs to check and reports its exit code %i; the last step fails unless 0', (code, ctx) => {
    if (noYaml) return ctx.skip(noYaml);
    const stub = join(dir, 'stub.mjs');
    const argsFile = join(dir, `args-${code}.json`);
    writeFileSync(stub, `import { writeFileSync, mkdirSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));\nprocess.exit(${code});\n`);
    const out = join(dir, `output-${code}`);
    writeFileSync(out, '');
    const inputs = { backend: 'exec:./my adapter --fast', seed: '42', args: '--min-rule-hits 1 --batch-size 64', runs: '77' };
    const r = runStep('check', inputs, {}, { URING_SPEC_BIN: stub, GITHUB_OUTPUT: out });
    expect(r.status, r.stderr).toBe(0); // the check step passes so the corpus can be uploaded
    expect(JSON.parse(readFileSync(argsFile, 'utf8'))).toEqual([
      'check', '--spec', 'bpf@v1', '--backend', 'exec:./my adapter --fast', '--runs', '77', '--seed', '42',
      '--corpus', join(dir, '.uring-spec/corpus.jsonl'), '--junit', join(dir, 'uring-spec-junit.xml'), '--min-rule-hits', '1', '--batch-size', '64',
    ]);
    const o = outputs(out);
    expect(o).toEqual({ junit: join(dir, 'uring-spec-junit.xml'), corpus: join(dir, '.uring-spec/corpus.jsonl'), 'exit-code': String(code) });
    const fail = action!.runs.steps.find((s) => s.name === 'Fail when the check did not pass')!;
    expect(fail.if).toBe("steps.check.outputs.exit-code != '0'");
    if (code !== 0) {
      const f = runStep('Fail when the check did not pass', {}, { check: o }, {});
      expect(f.status).toBe(code);
      expect(f.stderr).toContain(`uring-spec check exited ${code}`);
    }
  });

  it('leaves out --seed when no seed is given, so check picks and prints a fresh one', (ctx) => {
    if (noYaml) return ctx.skip(noYaml);
    const stub = join(dir, 'stub-noseed.mjs');
    const argsFile = join(dir, 'args-noseed.json');
    writeFileSync(stub, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));\n`);
    const out = join(dir, 'output-noseed');
    writeFileSync(out, '');
    const r = runStep('check', { backend: 'c-ref', corpus: '/abs/corpus.jsonl' }, {}, { URING_SPEC_BIN: stub, GITHUB_OUTPUT: out });
    expect(r.status, r.stderr).toBe(0);
    const args = JSON.parse(readFileSync(argsFile, 'utf8')) as string[];
    expect(args).not.toContain('--seed');
    expect(args[args.indexOf('--corpus') + 1]).toBe('/abs/corpus.jsonl');
  });
});
