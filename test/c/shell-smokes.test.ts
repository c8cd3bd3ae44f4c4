/**
 * The shell smoke tests of the C programs (test/c/**\/*.sh) as part of `npm test`: each runs with
 * bash against the built programs in build/c/. Exit codes as in liburing's tests: 0 passes, 77 is
 * a skip (the program is not built, or io_uring is unavailable; its SKIP line is the reason), any
 * other code fails with the script's output.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.sh') ? [join(dir, e.name)] : []));
}

describe('C smoke scripts', () => {
  const all = scripts(here).sort();

  it('there are scripts to run', () => {
    expect(all.map((f) => relative(here, f))).toEqual(expect.arrayContaining(['exec-protocol-smoke.sh', 'kernel/kernel-adapter-smoke.sh']));
  });

  it.each(all.map((f) => [relative(here, f), f] as const))('%s', (_name, file, ctx) => {
    const r = spawnSync('bash', [file], { encoding: 'utf8', timeout: 50_000 });
    const output = `${r.stdout}${r.stderr}`;
    if (r.status === 77) ctx.skip(output.match(/^SKIP.*$/m)?.[0] ?? 'the script exited 77 (skip)');
    expect(r.error, output).toBeUndefined();
    expect(r.status, output).toBe(0);
    expect(output).toMatch(/^PASS$/m);
  });
});
