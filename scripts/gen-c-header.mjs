#!/usr/bin/env node
// Rewrites backends/c/kit/uring_spec_tables.h from the tables (needs `tsc` output in dist/).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { cHeader, C_HEADER_PATH } = await import(join(root, 'dist', 'backends', 'c-header.js'));
writeFileSync(join(root, C_HEADER_PATH), cHeader());
console.log(`gen-c-header: wrote ${C_HEADER_PATH}`);
