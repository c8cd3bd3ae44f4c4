/** What adapter writers read: the README's C snippet compiles, and the docs ship in the package. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';

const ROOT = projectRoot();

function hasCompiler(): boolean {
  try {
    execFileSync(process.env.CC || 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('adapter docs', () => {
  it.skipIf(!hasCompiler())('the README C snippet compiles against the kit and says hello with data', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippet = /```c\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(snippet).toContain('.data = 1');
    const dir = mkdtempSync(join(tmpdir(), 'uring-spec-snippet-'));
    try {
      writeFileSync(join(dir, 'mine.c'), snippet);
      // the implementation the snippet leaves to the reader
      writeFileSync(join(dir, 'prep.c'), '#include "uring_spec_kit.h"\nint my_bpf_prep(const struct uspec_sqe *s, const struct uspec_ctx *c, struct uspec_outcome *o) { (void)s; (void)c; (void)o; return -22; }\n');
      const kit = join(ROOT, 'backends', 'c', 'kit');
      execFileSync(process.env.CC || 'cc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-I', kit, '-o', join(dir, 'mine'), join(dir, 'mine.c'), join(dir, 'prep.c'), join(kit, 'kit.c')]);
      const out = execFileSync(join(dir, 'mine'), { input: Buffer.alloc(4) }).toString();
      expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({ protocol: 'uring-spec/1', name: 'mine', specs: ['bpf@v1'], data: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the package ships the docs the README links', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]!);
    expect(linked).toContain('docs/exec-protocol.md');
    for (const l of linked) expect(pkg.files.some((f) => l === f || l.startsWith(`${f}/`))).toBe(true);
  });
});
