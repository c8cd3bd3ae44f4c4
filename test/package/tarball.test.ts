/**
 * The published package, outside this repo: `npm pack` on a copy of the tree (after its prepack,
 * which builds dist/ from scratch), the tarball's contents, then a sample project in a temp dir that installs it with
 * `npm install ./uring-spec-*.tgz` (the install script compiles the C programs there) and uses it
 * the three ways a user would: `npx uring-spec check`, a vitest file with `uring-spec/vitest`
 * (c-ref passes, a mutant fails with the reproduction), and `uring-spec init`.
 * npm needs the registry for the dependencies (fast-check, zod, vitest, ...).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPF_V1_PROPERTY_COUNT } from '../helpers/property-count.js';

const root = resolve(import.meta.dirname, '../..');
const vitestVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'vitest', 'package.json'), 'utf8')).version as string;
const base = mkdtempSync(join(tmpdir(), 'uring-spec-package-'));
const project = join(base, 'sample');
let tarball = '';
let files: string[] = [];

// the sample must not write into this job's GitHub summary, nor see this repo's npm settings
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', npm_config_audit: 'false', npm_config_fund: 'false' };

function run(cmd: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
}

/** The README's code block that starts with `firstLine`. */
function readmeBlock(firstLine: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const m = new RegExp('```(?:js|ts)\\n(' + firstLine.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '\\n[\\s\\S]*?)```').exec(readme);
  if (!m) throw new Error(`README.md has no code block starting with ${firstLine}`);
  return m[1]!;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  // a copy of the tree as git sees it (tracked and new files, nothing ignored), so packing
  // neither rebuilds nor deletes this checkout's dist/ under the feet of other tests
  const src = join(base, 'src');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of listed) {
    if (!existsSync(join(root, f))) continue; // deleted in the work tree, not yet in git
    mkdirSync(dirname(join(src, f)), { recursive: true });
    cpSync(join(root, f), join(src, f));
  }
  symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
  // `npm pack` would run prepack (dist/) and prepare, whose C build ships nothing (build/ is not
  // in `files`) and would only load the machine: run prepack as npm would, then pack without scripts
  ok(run('npm', ['run', 'prepack'], src), 'npm run prepack');
  const out = ok(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', base], src), 'npm pack');
  const json = out.slice(out.search(/^\[$/m));
  const packed = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  tarball = join(base, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);

  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sample', private: true, type: 'module' }, null, 2));
  // the README's vitest example, verbatim; and the same suite against a mutant
  const config = readmeBlock('// vitest.config.js');
  const suite = readmeBlock('// bpf.test.ts');
  expect(suite).toContain("backend: 'c-ref'");
  writeFileSync(join(project, 'vitest.config.js'), config);
  writeFileSync(join(project, 'bpf.test.ts'), suite);
  writeFileSync(join(project, 'mutant.test.ts'), suite.replace("backend: 'c-ref'", "backend: 'mutant:custom-flags-ignored'"));
  ok(run('npm', ['install', '--no-package-lock', tarball, `vitest@${vitestVersion}`], project), 'npm install of the tarball (needs the npm registry for the dependencies)');
}, 900_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the compiled dist, the C sources and build scripts, the templates, and no build output', () => {
    for (const f of ['package.json', 'bin/uring-spec.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'dist/vitest/index.js', 'dist/vitest/index.d.ts', 'dist/vitest/plugin.js', 'backends/c/kit/kit.c', 'backends/c/kit/uring_spec_kit.h', 'backends/c/ref/bpf_v1.c', 'backends/c/targets.json', 'backends/c/mutants/mutants.json', 'backends/c/kernel/adapter.c', 'scripts/build-c.mjs', 'scripts/install-c.mjs', 'templates/init/c/adapter.c', 'templates/init/python/adapter.py', 'templates/init/node/adapter.mjs']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(build|node_modules|test|\.uring-spec)\//.test(f))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    expect(manifest.scripts.install).toBe('node scripts/install-c.mjs');
    expect(manifest.peerDependenciesMeta.vitest.optional).toBe(true);
  });
});

describe('a project that installed the tarball', () => {
  const installed = join(project, 'node_modules', 'uring-spec');

  it('compiled the C programs on install and needs no TypeScript', () => {
    expect(existsSync(join(installed, 'build', 'c', 'c-ref'))).toBe(true);
    expect(existsSync(join(installed, 'build', 'c', 'mutant-custom-flags-ignored'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
  });

  it('passes `npx uring-spec check --spec bpf@v1 --backend c-ref`', () => {
    const r = run('npx', ['--no', 'uring-spec', 'check', '--spec', 'bpf@v1', '--backend', 'c-ref'], project);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`passed: ${BPF_V1_PROPERTY_COUNT} properties passed, 0 failed`));
  });

  it("runs the README's vitest example (uring-spec/vitest against c-ref): one passing test per property", () => {
    const r = run('npx', ['--no', 'vitest', 'run', 'bpf.test.ts'], project);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Tests\\s+${BPF_V1_PROPERTY_COUNT} passed \\(${BPF_V1_PROPERTY_COUNT}\\)`));
  });

  it('fails that vitest file against a mutant with the reproduction in the output', () => {
    const r = run('npx', ['--no', 'vitest', 'run', 'mutant.test.ts'], project);
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toContain('uring-spec bpf@v1 on mutant:custom-flags-ignored > custom-flags-einval');
    expect(out).toContain('PropertyFailure: property custom-flags-einval failed on mutant:custom-flags-ignored (spec bpf@v1, seed 3');
    expect(out).toContain('expected -22 EINVAL (bpf.custom-flags.set)');
    expect(out).toContain('npx uring-spec replay --spec bpf@v1 --backend mutant:custom-flags-ignored --sqe 41');
  });

  it('scaffolds an adapter with `npx uring-spec init` whose first check fails readably', () => {
    const init = run('npx', ['--no', 'uring-spec', 'init', '--lang', 'node', 'adapter'], project);
    expect(init.status, init.stderr).toBe(0);
    const r = run('npx', ['--no', 'uring-spec', 'check', '--spec', 'bpf@v1', '--backend', 'exec:node adapter/adapter.mjs', '--runs', '50', '--no-corpus'], project);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('got      -38 ENOSYS');
  });

  it("scaffolds a C adapter whose Makefile builds it with the kit and checks it with this project's uring-spec", (ctx) => {
    if (spawnSync('make', ['--version'], { stdio: 'ignore' }).status !== 0) return ctx.skip('make is not installed on this machine');
    const init = run('npx', ['--no', 'uring-spec', 'init', '--lang', 'c', 'c-adapter'], project);
    expect(init.status, init.stderr).toBe(0);
    const r = run('make', ['-C', 'c-adapter', 'check', 'RUNS=50'], project);
    // make passes on check's exit 1 as its own failure
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout).toContain('uring-spec check: spec bpf@v1, backend exec:./adapter');
    expect(r.stdout).toContain('got      -38 ENOSYS');
    expect(existsSync(join(project, 'c-adapter', 'adapter'))).toBe(true);
  });
});
