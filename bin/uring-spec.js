#!/usr/bin/env node
// The installed command: runs the compiled CLI (dist/ is built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('uring-spec: dist/ is missing; run `npm install` (or `npm run build`) in the uring-spec checkout first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), { handleSignals: true });
