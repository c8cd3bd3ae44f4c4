#!/usr/bin/env node
// Builds the C programs of backends/c (the reference, its mutants, the kernel adapter) into
// build/c/ with the machine's C compiler. Run by `npm install` (prepare) and again on first use
// by the backends, so a fresh clone needs nothing but Node and cc. Mutants are the reference with
// one exact text replacement each (backends/c/mutants/mutants.json): the reference source stays
// free of mutant switches, and a replacement that no longer matches fails the build loudly.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cdir = join(root, 'backends', 'c');
const out = join(root, 'build', 'c');

function expand(src) {
  if (!src.endsWith('/*.c')) return [join(cdir, src)];
  const dir = join(cdir, src.slice(0, -4));
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => join(dir, f));
}

function mtime(p) {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

function headers() {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.h')) found.push(p);
    }
  };
  walk(cdir);
  return found;
}

function compile(name, sources, cflags, force, isStatic = false) {
  const exe = join(out, name);
  const inputs = [...sources, ...headers(), join(cdir, 'targets.json'), join(cdir, 'mutants', 'mutants.json')];
  if (!force && existsSync(exe) && inputs.every((p) => mtime(p) <= mtime(exe))) return false;
  const cc = process.env.CC || 'cc';
  const args = [...cflags, ...(isStatic ? ['-static'] : []), '-I', join(cdir, 'kit'), '-I', join(cdir, 'kernel'), '-o', exe, ...sources];
  try {
    execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    // a static link needs the C library's archive (libc.a: libc6-dev on Debian, glibc-static elsewhere)
    const hint = isStatic ? '; a static link needs libc.a (Debian: libc6-dev; Fedora: glibc-static)' : '';
    throw new Error(`build-c: compiling ${name} failed${hint} (${cc} ${args.join(' ')})`);
  }
  return true;
}

export function buildC({ force = false, quiet = false } = {}) {
  mkdirSync(out, { recursive: true });
  const { cflags, targets } = JSON.parse(readFileSync(join(cdir, 'targets.json'), 'utf8'));
  const built = [];
  const failed = [];
  for (const t of targets) {
    const parts = t.sources.map(expand);
    const sources = parts.flat().filter((p, i, a) => a.indexOf(p) === i);
    // a target whose sources are not all there (a folder not written yet) is not built
    if (parts.some((p) => p.length === 0) || sources.some((p) => !existsSync(p))) continue;
    try {
      if (compile(t.name, sources, cflags, force, t.static === true)) built.push(t.name);
    } catch (e) {
      failed.push(e.message); // keep going: one broken program must not hide the others
    }
  }
  const mutantsFile = join(cdir, 'mutants', 'mutants.json');
  if (existsSync(mutantsFile)) {
    const ref = targets.find((t) => t.name === 'c-ref');
    const { mutants } = JSON.parse(readFileSync(mutantsFile, 'utf8'));
    for (const m of mutants) {
      const target = join(cdir, m.file);
      const text = readFileSync(target, 'utf8');
      const hits = text.split(m.find).length - 1;
      if (hits !== 1) throw new Error(`build-c: mutant ${m.name}: expected exactly one match of its 'find' text in ${m.file}, found ${hits}`);
      const mdir = join(out, 'mutants', m.name);
      mkdirSync(mdir, { recursive: true });
      const mutated = join(mdir, m.file.split('/').pop());
      const body = text.replace(m.find, m.replace);
      if (!existsSync(mutated) || readFileSync(mutated, 'utf8') !== body) writeFileSync(mutated, body);
      const sources = ref.sources.flatMap(expand).map((p) => (p === target ? mutated : p));
      try {
        if (compile(`mutant-${m.name}`, sources, cflags, force)) built.push(`mutant-${m.name}`);
      } catch (e) {
        failed.push(e.message);
      }
    }
  }
  if (!quiet) console.log(built.length ? `build-c: built ${built.join(', ')}` : 'build-c: up to date');
  if (failed.length) throw new Error(failed.join('\n'));
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildC({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
