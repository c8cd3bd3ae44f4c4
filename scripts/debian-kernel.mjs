#!/usr/bin/env node
// Debian's own kernel images as fixtures for the vm backend: `apt-get download` of a linux-image
// package, then only its kernel image (and config) pulled out of the package into a cache outside
// the repository. Nothing is installed and no kernel is built; the image stays Debian's, fetched
// where it is used.
//
//   node scripts/debian-kernel.mjs                      every kernel the sources offer (see debianKernelPackages)
//   node scripts/debian-kernel.mjs PACKAGE...           those packages (e.g. linux-image-6.1.0-57-amd64)
//   node scripts/debian-kernel.mjs --series 7.2         the newest linux-image-7.2.* package
//   node scripts/debian-kernel.mjs --suite sid ...      from Debian's SUITE instead of the configured sources
//   node scripts/debian-kernel.mjs --list ...           the packages it would fetch, fetching nothing
//
// --suite never touches the machine's apt configuration: apt runs with a sources list, a state
// directory and a cache of its own under $URING_SPEC_CACHE/apt/SUITE (Dir::Etc::sourcelist,
// Dir::State, Dir::Cache), updated there when its index is missing or a day old. The index is
// verified by apt against the machine's Debian archive keyring, and every .deb against the index.
//
// Prints one JSON line per kernel: {"package","version","release","image","config","suite"}. The
// cache is $URING_SPEC_CACHE/kernels, default ~/.cache/uring-spec/kernels; a kernel already there
// is not fetched again (and is used, with a note on stderr, when the index cannot be reached). Needs
// apt-get, apt-cache, dpkg-deb and tar (any Debian or Ubuntu machine); without --suite, `apt-get
// update` run once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where downloads live: kernels/ and, for --suite, apt/SUITE/. */
function cacheBase() {
  return process.env.URING_SPEC_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uring-spec');
}

/** Where extracted kernels live. */
export function kernelCacheDir() {
  return join(cacheBase(), 'kernels');
}

/** The Debian mirror a suite is fetched from; DEBIAN_MIRROR moves it. */
const MIRROR = process.env.DEBIAN_MIRROR || 'http://deb.debian.org/debian';
const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
/** A suite's index is fetched again when older than this. */
const INDEX_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * apt's options for a source: none for the machine's configured sources; for a suite, a private
 * sources list, state and cache (the machine's dpkg status is only read), so the machine's apt
 * configuration and lists stay as they were.
 */
function aptOptions(suite) {
  if (!suite) return [];
  const dir = join(cacheBase(), 'apt', suite);
  return [
    '-o', `Dir::Etc::sourcelist=${join(dir, 'sources.list')}`,
    '-o', 'Dir::Etc::sourceparts=-',
    '-o', `Dir::State=${join(dir, 'state')}`,
    '-o', `Dir::Cache=${join(dir, 'cache')}`,
    '-o', 'Dir::State::status=/var/lib/dpkg/status',
    '-o', 'APT::Architecture=amd64',
    '-o', 'Acquire::Languages=none',
  ];
}

/** The private apt tree of a suite, its index fetched when missing or stale (or when `force`). */
function prepareSuite(suite, force = false) {
  if (!/^[a-z0-9-]+$/.test(suite)) throw new Error(`debian-kernel: '${suite}' is not a Debian suite name`);
  const dir = join(cacheBase(), 'apt', suite);
  for (const d of ['state/lists/partial', 'cache/archives/partial']) mkdirSync(join(dir, d), { recursive: true });
  const keyring = existsSync(KEYRING) ? `[signed-by=${KEYRING}] ` : '';
  writeFileSync(join(dir, 'sources.list'), `deb ${keyring}${MIRROR} ${suite} main\n`);
  const lists = join(dir, 'state', 'lists');
  const index = readdirSync(lists).filter((f) => f.endsWith('_Packages') || f.includes('_Packages.'));
  const age = index.length ? Date.now() - Math.min(...index.map((f) => statSync(join(lists, f)).mtimeMs)) : Infinity;
  if (force || age > INDEX_MAX_AGE_MS) tool('apt-get', [...aptOptions(suite), '-q', 'update'], `fetching the index of ${suite}`);
}

function tool(cmd, args, what, cwd) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, cwd });
  if (r.error) throw new Error(`debian-kernel: ${what}: cannot run ${cmd} (${r.error.code ?? r.error.message}); this needs a Debian-based machine`);
  if (r.status !== 0) throw new Error(`debian-kernel: ${what}: ${cmd} ${args.filter((a) => !a.startsWith('Dir::') && a !== '-o').join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

const where = (suite) => (suite ? `Debian ${suite} (${MIRROR})` : 'the configured apt sources');

/** apt's candidate version of a package, or null when the source does not carry it. */
function candidate(pkg, suite) {
  const r = spawnSync('apt-cache', [...aptOptions(suite), 'policy', pkg], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const v = /Candidate:\s*(\S+)/.exec(r.stdout)?.[1];
  return v && v !== '(none)' ? v : null;
}

/** The concrete linux-image package a meta package (linux-image-amd64) depends on. */
function resolveMeta(meta, suite) {
  const out = tool('apt-cache', [...aptOptions(suite), 'depends', '--important', meta], `resolving ${meta}`);
  const dep = /Depends:\s*(linux-image-[^\s<>]+)/.exec(out)?.[1];
  if (!dep) throw new Error(`debian-kernel: ${meta} names no linux-image package (apt-cache depends ${meta})`);
  return dep;
}

function needDefault(suite) {
  if (suite) prepareSuite(suite);
  if (!candidate('linux-image-amd64', suite)) {
    throw new Error(`debian-kernel: ${where(suite)} carry no linux-image-amd64: ${suite ? 'is the suite name right?' : 'run apt-get update (or this is not a Debian amd64 machine)'}`);
  }
}

/** The package linux-image-amd64 stands for: the distribution's default kernel (6.1 on bookworm). */
export function defaultDebianKernelPackage({ suite } = {}) {
  needDefault(suite);
  return resolveMeta('linux-image-amd64', suite);
}

/**
 * The generic amd64 kernels the source offers: the default one (linux-image-amd64, 6.1 on
 * bookworm) and each versioned series meta package (linux-image-6.12-amd64, carried by
 * bookworm-security; backports add more), newest candidate of each.
 */
export function debianKernelPackages({ suite } = {}) {
  needDefault(suite);
  const metas = ['linux-image-amd64'];
  const search = tool('apt-cache', [...aptOptions(suite), 'search', '--names-only', '^linux-image-[0-9]+\\.[0-9]+-amd64$'], 'listing kernel series');
  for (const line of search.split('\n')) {
    const name = line.split(' ')[0];
    if (name && /^linux-image-\d+\.\d+-amd64$/.test(name) && candidate(name, suite)) metas.push(name);
  }
  const pkgs = metas.map((m) => resolveMeta(m, suite));
  return [...new Set(pkgs)].sort();
}

/** Debian's version order (dpkg --compare-versions): a > b. */
function newer(a, b) {
  return spawnSync('dpkg', ['--compare-versions', a, 'gt', b]).status === 0;
}

/** Cache entries (kernel.json) whose package matches `test`. */
function cachedKernels(test) {
  const dir = kernelCacheDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'kernel.json')))
    .map((d) => JSON.parse(readFileSync(join(dir, d, 'kernel.json'), 'utf8')))
    .filter((k) => test(k.package) && existsSync(k.image));
}

/** The newest of some kernel.json entries, or null. */
function newestOf(kernels) {
  return kernels.reduce((best, k) => (!best || newer(k.version, best.version) ? k : best), null);
}

/**
 * The newest generic amd64 image package of kernel series `series` (e.g. '7.2':
 * linux-image-7.2.13+deb14-amd64) the source carries; when the source cannot be reached, the
 * newest such package already in the cache.
 */
export function seriesPackage(series, { suite } = {}) {
  if (!/^\d+\.\d+$/.test(series)) throw new Error(`debian-kernel: '${series}' is not a kernel series like 7.2`);
  const name = new RegExp(`^linux-image-${series.replace('.', '\\.')}[.-][0-9a-z.+~-]*amd64$`);
  const generic = (p) => name.test(p) && !/-(rt|cloud|dbg)-amd64$|-unsigned$/.test(p);
  let found = [];
  try {
    if (suite) prepareSuite(suite);
    const out = tool('apt-cache', [...aptOptions(suite), 'search', '--names-only', `^linux-image-${series.replace('.', '\\.')}`], `listing ${series} kernels`);
    found = out.split('\n').map((l) => l.split(' ')[0]).filter((p) => p && generic(p)).map((p) => ({ package: p, version: candidate(p, suite) })).filter((k) => k.version);
  } catch (e) {
    const cached = newestOf(cachedKernels(generic));
    if (cached) return cached.package;
    throw e;
  }
  const best = newestOf(found) ?? newestOf(cachedKernels(generic));
  if (!best) throw new Error(`debian-kernel: ${where(suite)} carry no linux-image-${series}.*-amd64 package`);
  return best.package;
}

/** The members of a .deb whose path `want` selects. */
function members(deb, want) {
  const list = spawnSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -t', 'sh', deb], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (list.error || list.status !== 0) throw new Error(`debian-kernel: listing ${deb} failed: ${(list.stderr || list.error?.message || '').trim()}`);
  return list.stdout.split('\n').filter(want);
}

/** The kernel image (./boot/vmlinuz-R before Debian's 7.x split, ./usr/lib/modules/R/vmlinuz after) and its config. */
const KERNEL_FILE = /^\.\/(boot\/(vmlinuz|config)-[^/]+|usr\/lib\/modules\/[^/]+\/(vmlinuz|config))$/;

/** Downloads `pkg=version` into `work` and extracts its kernel files there; returns how many it had. */
function extractFrom(pkg, version, work, suite) {
  const before = new Set(readdirSync(work));
  // apt-get writes the .deb into its working directory, checked against the index's SHA256
  tool('apt-get', [...aptOptions(suite), '-q', 'download', `${pkg}=${version}`], `apt-get download ${pkg}=${version}`, work);
  const deb = readdirSync(work).find((f) => f.endsWith('.deb') && !before.has(f));
  if (!deb) throw new Error(`debian-kernel: apt-get download ${pkg} left no .deb in ${work}`);
  const path = join(work, deb);
  // only the image and the config: the modules are most of a kernel and the vm backend needs none
  const files = members(path, (m) => KERNEL_FILE.test(m));
  if (files.length) {
    const x = spawnSync('sh', ['-c', 'f="$1"; d="$2"; shift 2; dpkg-deb --fsys-tarfile "$f" | tar -x -C "$d" "$@"', 'sh', path, work, ...files], { encoding: 'utf8' });
    if (x.error || x.status !== 0) throw new Error(`debian-kernel: extracting the kernel from ${deb} failed: ${(x.stderr || x.error?.message || '').trim()}`);
  }
  rmSync(path);
  return files.length;
}

/**
 * The packages of the same version `pkg` depends on that hold its kernel: since Debian's 7.x
 * packaging, linux-image-R holds nothing and depends on linux-binary-R (the image) and linux-base-R
 * (the config).
 */
function kernelParts(pkg, version, suite) {
  const out = tool('apt-cache', [...aptOptions(suite), 'show', `${pkg}=${version}`], `reading ${pkg}'s dependencies`);
  const depends = /^Depends:(.*)$/m.exec(out)?.[1] ?? '';
  return [...depends.matchAll(/(linux-(?:binary|base)-[^\s,()|]+)\s*\(=\s*([^)\s]+)\)/g)].map((m) => [m[1], m[2]]);
}

/** Downloads `pkg` (the source's candidate) unless cached; returns where its image is. */
export function fetchDebianKernel(pkg, { suite } = {}) {
  if (!/^linux-image-[a-z0-9.+~-]+$/.test(pkg)) throw new Error(`debian-kernel: '${pkg}' is not a linux-image package name`);
  let version;
  try {
    if (suite) prepareSuite(suite);
    version = candidate(pkg, suite);
  } catch (e) {
    const cached = newestOf(cachedKernels((p) => p === pkg));
    if (!cached) throw e;
    console.error(`debian-kernel: ${e.message.replace(/^debian-kernel: /, '')}; using the cached ${pkg} ${cached.version}`);
    return cached;
  }
  if (!version) {
    const cached = newestOf(cachedKernels((p) => p === pkg));
    if (cached) return cached;
    throw new Error(`debian-kernel: ${where(suite)} carry no ${pkg} (apt-cache policy ${pkg})${suite ? '' : '; run apt-get update?'}`);
  }
  const cache = kernelCacheDir();
  const dir = join(cache, `${pkg}_${version.replace(/[^A-Za-z0-9.+~-]/g, '_')}`);
  const meta = join(dir, 'kernel.json');
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8'));
  mkdirSync(cache, { recursive: true });
  // downloaded and extracted beside the cache entry, renamed into place when complete, so an
  // interrupted fetch never leaves a half entry that looks whole
  const work = `${dir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    if (extractFrom(pkg, version, work, suite) === 0) {
      for (const [part, v] of kernelParts(pkg, version, suite)) extractFrom(part, v, work, suite);
    }
    const image = findFile(work, /^vmlinuz(-.+)?$/);
    if (!image) throw new Error(`debian-kernel: ${pkg} ${version} (and the linux-binary package it depends on) holds no vmlinuz`);
    const release = image.name.startsWith('vmlinuz-') ? image.name.slice('vmlinuz-'.length) : image.dir.split('/').at(-1);
    const config = findFile(work, /^config(-.+)?$/);
    const rel = (f) => (f ? join(dir, f.dir.slice(work.length + 1), f.name) : null);
    const info = { package: pkg, version, release, image: rel(image), config: rel(config), ...(suite ? { suite } : {}) };
    writeFileSync(join(work, 'kernel.json'), JSON.stringify(info) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return info;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The first file under `root` whose name matches, as {dir, name}. */
function findFile(root, name) {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (e.isFile() && name.test(e.name)) return { dir: root, name: e.name };
    if (e.isDirectory()) {
      const f = findFile(join(root, e.name), name);
      if (f) return f;
    }
  }
  return null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const take = (flag) => {
      const i = args.indexOf(flag);
      if (i < 0) return undefined;
      const v = args[i + 1];
      if (!v || v.startsWith('--')) throw new Error(`debian-kernel: ${flag} needs a value`);
      args.splice(i, 2);
      return v;
    };
    const suite = take('--suite');
    const series = take('--series');
    const list = args.includes('--list');
    const pkgs = args.filter((a) => a !== '--list');
    const unknown = pkgs.find((a) => a.startsWith('--'));
    if (unknown) throw new Error(`debian-kernel: unknown option ${unknown} (--suite SUITE, --series X.Y, --list)`);
    const wanted = series ? [seriesPackage(series, { suite }), ...pkgs] : pkgs.length ? pkgs : debianKernelPackages({ suite });
    for (const p of wanted) console.log(list ? p : JSON.stringify(fetchDebianKernel(p, { suite })));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
