#!/usr/bin/env node
// `npm install uring-spec` (the package's install script): compiles the C programs (the
// reference, its mutants, the kernel adapter) into build/c/ so the first check does not wait for
// a compiler. A failure here must not fail the install: the model and exec backends need no C,
// and a C backend builds itself again on first use and then reports the compiler error in full.
import { buildC } from './build-c.mjs';

try {
  buildC({ quiet: true });
  console.log('uring-spec: built the C reference, its mutants and the kernel adapter');
} catch (e) {
  const first = String(e.message).split('\n')[0];
  console.warn(`uring-spec: could not build every C program now (${first}); the C backends retry on first use`);
}
