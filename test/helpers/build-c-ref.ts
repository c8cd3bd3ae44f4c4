/** Builds the C programs for a test that needs c-ref: another program failing to build is not this test's concern. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds build/c/ (quietly) and returns c-ref's path; throws only when c-ref itself fails to compile. */
export async function buildCRef(): Promise<string> {
  const { buildC } = (await import(join(ROOT, 'scripts', 'build-c.mjs'))) as { buildC(o: { quiet?: boolean }): string[] };
  try {
    buildC({ quiet: true });
  } catch (e) {
    // Another program (the kernel adapter, say) may fail to build here; c-ref is what counts.
    if ((e as Error).message.includes('compiling c-ref failed')) throw e;
  }
  return join(ROOT, 'build', 'c', 'c-ref');
}
