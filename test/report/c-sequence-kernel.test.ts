/**
 * The C a stateful failure report prints is a reproduction, not an illustration: every
 * known-answer sequence of ring-lifecycle@6.18 is turned into its C snippet (report/c-sequence.ts),
 * compiled against liburing, run on the live kernel, and must give every step's expected res.
 * Skipped, with the reason, without liburing's header (Debian: liburing-dev, which .ci/run
 * installs where apt is available) or where the live kernel adapter does not offer the spec.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cSequenceSnippet } from '../../report/c-sequence.js';
import { SCRATCH_SIZE } from '../../spec/mainline-constants.js';
import { loadParsedVectors } from '../helpers/stateful-vectors.js';
import { tempDir } from '../helpers/temp-dir.js';

const LIBURING_H = '/usr/include/liburing.h';

function kernelReason(): string {
  const probe = spawnSync('sh', ['-c', 'cat /proc/sys/kernel/io_uring_disabled 2>/dev/null || echo 0'], { encoding: 'utf8' });
  return probe.stdout.trim() === '2' ? 'io_uring is disabled (kernel.io_uring_disabled = 2)' : '';
}

const reason = !existsSync(LIBURING_H) ? `no ${LIBURING_H} (install liburing-dev)` : kernelReason();
const vectors = loadParsedVectors('ring-lifecycle-6.18.json');

function program(body: string): string {
  return [
    '#define _GNU_SOURCE',
    '#include <errno.h>',
    '#include <fcntl.h>',
    '#include <liburing.h>',
    '#include <stdint.h>',
    '#include <stdio.h>',
    '#include <stdlib.h>',
    '#include <string.h>',
    '#include <sys/mman.h>',
    '#include <sys/syscall.h>',
    '#include <sys/uio.h>',
    '#include <unistd.h>',
    'int main(void)',
    '{',
    // the scratch file every adapter keeps at fd 100, at its announced size
    '\tchar path[] = "/tmp/uring-spec-scratch-XXXXXX";',
    '\tint f = mkstemp(path);',
    '\tif (f < 0 || unlink(path) || ftruncate(f, ' + SCRATCH_SIZE + ') || dup2(f, 100) != 100) return 2;',
    ...body.split('\n').map((l) => `\t${l}`),
    '\treturn 0;',
    '}',
    '',
  ].join('\n');
}

describe.skipIf(reason !== '')(`the C of a ring-lifecycle@6.18 sequence, compiled and run${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (name, v) => {
    const results = v.expected.map((e) => ({ expected: `${e.res}`, actual: '(not run)' }));
    const src = program(cSequenceSnippet(v.sequence, results, (i) => `printf("%d\\n", ret); /* step ${i + 1} */`));
    const base = join(tempDir(), name.replace(/[^A-Za-z0-9]+/g, '_'));
    writeFileSync(`${base}.c`, src);
    const cc = spawnSync('cc', ['-std=gnu11', '-O0', '-Wall', '-Wno-unused-variable', '-o', base, `${base}.c`, '-luring'], { encoding: 'utf8' });
    expect(cc.status, `${cc.stderr}\n${src}`).toBe(0);
    const run = spawnSync(base, [], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').map(Number), `${v.why}\n${src}`).toEqual(v.expected.map((e) => e.res));
  });
});
