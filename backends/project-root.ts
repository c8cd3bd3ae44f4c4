/** Where the package lives, from its sources or its compiled dist/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest ancestor holding package.json. The same from the TypeScript
 * sources (backends/registry.ts) and from the compiled dist/backends/registry.js.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`projectRoot: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

