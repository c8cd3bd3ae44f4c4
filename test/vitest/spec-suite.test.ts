/**
 * `uring-spec/vitest` from the outside: a project in a temp dir whose test file calls specSuite,
 * run by a child vitest (the TypeScript sources, so no build is needed; test/package/ checks the
 * packed tarball). One test per property with stable names, the CLI's reproduction as the failure,
 * JUnit output, and --shard splitting the properties of a single file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSpec } from '../../registry/specs.js';
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';
import { BPF_V1_PROPERTY_COUNT } from '../helpers/property-count.js';

const root = resolve(import.meta.dirname, '../..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const ALL = [...getSpec('bpf@v1').properties, ...HARNESS_PROPERTIES].map((p) => p.name);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uring-spec-vitest-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';
import { uringSpec } from ${JSON.stringify(join(root, 'vitest', 'plugin.ts'))};
export default defineConfig({ plugins: [uringSpec()], test: { include: ['*.test.ts'] } });
`,
  );
  writeFileSync(
    join(dir, 'bpf.test.ts'),
    `import { specSuite } from ${JSON.stringify(join(root, 'vitest', 'index.ts'))};
specSuite({ spec: process.env.SUITE_SPEC ?? 'bpf@v1', backend: process.env.SUITE_BACKEND!, runs: 200, seed: 7 });
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs vitest in the sample project; returns its exit code, output and JUnit test cases. */
function vitest(backend: string, ...args: string[]) {
  return vitestWith({ SUITE_BACKEND: backend }, ...args);
}

function vitestWith(extra: Record<string, string>, ...args: string[]) {
  const junit = join(dir, 'junit.xml');
  rmSync(junit, { force: true });
  const r = spawnSync(process.execPath, [vitestBin, 'run', '--root', dir, '--reporter=default', '--reporter=junit', `--outputFile.junit=${junit}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...extra, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 240_000,
  });
  const xml = readFileSync(junit, 'utf8');
  const cases = [...xml.matchAll(/<testcase classname="[^"]*" name="uring-spec [^ ]+ on [^&]+&gt; ([^"]+)"/g)].map((m) => m[1]!);
  return { code: r.status, out: r.stdout + r.stderr, xml, cases };
}

describe('specSuite', () => {
  it('registers one passing test per property against c-ref, named by the property alone', () => {
    const r = vitest('c-ref');
    expect(r.code, r.out).toBe(0);
    expect(r.cases.sort()).toEqual([...ALL].sort());
    expect(r.xml).toContain('name="uring-spec bpf@v1 on c-ref &gt; custom-flags-einval"');
    expect(r.xml).not.toMatch(/seed/i);
  });

  it('fails the property a mutant breaks with the reproduction check prints', () => {
    const r = vitest('mutant:custom-flags-ignored');
    expect(r.code).toBe(1);
    expect(r.out).toContain('property custom-flags-einval failed on mutant:custom-flags-ignored (spec bpf@v1, seed 7');
    expect(r.out).toMatch(/expected -22 EINVAL \(bpf\.custom-flags\.set\)/);
    expect(r.out).toContain('npx uring-spec replay --spec bpf@v1 --backend mutant:custom-flags-ignored --sqe 41');
    expect(r.out).toContain('sqe->opcode = 0x41;');
    // the JUnit failure carries the same text
    expect(r.xml).toMatch(/<failure message="property custom-flags-einval failed on mutant:custom-flags-ignored/);
    expect(r.xml).toContain('replay --spec bpf@v1 --backend mutant:custom-flags-ignored');
    // the other properties still pass: one broken rule is one failing test
    expect(r.out).toMatch(new RegExp(`Tests\\s+\\d+ failed \\| \\d+ passed \\(${BPF_V1_PROPERTY_COUNT}\\)`));
  });

  it('splits the properties of one file across --shard runs, each exactly once', () => {
    const a = vitest('c-ref', '--shard=1/2');
    const b = vitest('c-ref', '--shard=2/2');
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    expect(a.cases.length).toBeGreaterThan(0);
    expect(b.cases.length).toBeGreaterThan(0);
    expect(a.cases.filter((n) => b.cases.includes(n))).toEqual([]);
    expect([...a.cases, ...b.cases].sort()).toEqual([...ALL].sort());
  });

  it('skips every property, with the reason, when the backend does not implement the spec', () => {
    const r = vitestWith({ SUITE_BACKEND: 'c-ref', SUITE_SPEC: 'nop@6.18' }, '--reporter=verbose');
    expect(r.code, r.out).toBe(0);
    expect(r.cases.length).toBeGreaterThan(0);
    expect(r.out).toMatch(/Tests\s+(\d+) skipped \(\1\)/);
    // vitest's JUnit file marks skips without their note; its verbose reporter shows the note
    expect(r.xml.match(/<skipped/g)?.length).toBe(r.cases.length);
    expect(r.out).toContain('model-agreement');
    expect(r.out).toContain('[backend c-ref does not implement nop@6.18 (it implements: bpf@v1, bpf-ops@v2, bpf-ops@v3)]');
  });

  it('says so when a shard gets no property', () => {
    const r = vitest('c-ref', '--shard=20/20');
    expect(r.code, r.out).toBe(0);
    expect(r.xml).toContain('no property of bpf@v1 falls in shard 20/20');
  });

  it('reports a bad backend name when the file is collected, naming specSuite', () => {
    const r = vitest('qemu');
    expect(r.code).toBe(1);
    expect(r.out).toContain("specSuite: unknown backend 'qemu' (valid: model, c-ref");
  });
});
