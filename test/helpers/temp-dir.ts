/** Temporary directories for one test, removed when the test ends (passed or failed). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh directory under the system's temp dir, removed after the calling test. Call inside a test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uring-spec-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
