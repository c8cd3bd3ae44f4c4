#!/usr/bin/env node
// Debian's own kernel images as fixtures for the vm backend: `apt-get download` of a linux-image
// package from the machine's configured apt sources, then only its /boot/vmlinuz-* (and config)
// pulled out of the package into a cache outside the repository. Nothing is installed and no
// kernel is built; the image stays Debian's, fetched where it is used.
//
//   node scripts/debian-kernel.mjs                 every kernel the sources offer (see debianKernelPackages)
//   node scripts/debian-kernel.mjs PACKAGE...      those packages (e.g. linux-image-6.1.0-57-amd64)
//   node scripts/debian-kernel.mjs --list          the packages it would fetch, fetching nothing
//
// Prints one JSON line per kernel: {"package","version","release","image","config"}. The cache is
// $URING_SPEC_CACHE/kernels, default ~/.cache/uring-spec/kernels; a kernel already there is not
// fetched again. Needs apt-get, apt-cache, dpkg-deb and tar (any Debian or Ubuntu machine) and
// `apt-get update` run once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where extracted kernels live. */
export function kernelCacheDir() {
  const base = process.env.URING_SPEC_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uring-spec');
  return join(base, 'kernels');
}

function tool(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`debian-kernel: ${what}: cannot run ${cmd} (${r.error.code ?? r.error.message}); this needs a Debian-based machine`);
  if (r.status !== 0) throw new Error(`debian-kernel: ${what}: ${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

/** apt's candidate version of a package, or null when the sources do not carry it. */
function candidate(pkg) {
  const r = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const v = /Candidate:\s*(\S+)/.exec(r.stdout)?.[1];
  return v && v !== '(none)' ? v : null;
}

/** The concrete linux-image package a meta package (linux-image-amd64) depends on. */
function resolveMeta(meta) {
  const out = tool('apt-cache', ['depends', '--important', meta], `resolving ${meta}`);
  const dep = /Depends:\s*(linux-image-[^\s<>]+)/.exec(out)?.[1];
  if (!dep) throw new Error(`debian-kernel: ${meta} names no linux-image package (apt-cache depends ${meta})`);
  return dep;
}

/** The package linux-image-amd64 stands for: the distribution's default kernel (6.1 on bookworm). */
export function defaultDebianKernelPackage() {
  if (!candidate('linux-image-amd64')) {
    throw new Error('debian-kernel: apt knows no linux-image-amd64: run apt-get update (or this is not a Debian amd64 machine)');
  }
  return resolveMeta('linux-image-amd64');
}

/**
 * The generic amd64 kernels the configured sources offer: the default one (linux-image-amd64,
 * 6.1 on bookworm) and each versioned series meta package (linux-image-6.12-amd64, carried by
 * bookworm-security; backports or sid add more), newest candidate of each.
 */
export function debianKernelPackages() {
  if (!candidate('linux-image-amd64')) {
    throw new Error('debian-kernel: apt knows no linux-image-amd64: run apt-get update (or this is not a Debian amd64 machine)');
  }
  const metas = ['linux-image-amd64'];
  const search = tool('apt-cache', ['search', '--names-only', '^linux-image-[0-9]+\\.[0-9]+-amd64$'], 'listing kernel series');
  for (const line of search.split('\n')) {
    const name = line.split(' ')[0];
    if (name && /^linux-image-\d+\.\d+-amd64$/.test(name) && candidate(name)) metas.push(name);
  }
  const pkgs = metas.map(resolveMeta);
  return [...new Set(pkgs)].sort();
}

/** Downloads `pkg` (apt's candidate) unless cached; returns where its image is. */
export function fetchDebianKernel(pkg) {
  if (!/^linux-image-[a-z0-9.+~-]+$/.test(pkg)) throw new Error(`debian-kernel: '${pkg}' is not a linux-image package name`);
  const version = candidate(pkg);
  if (!version) throw new Error(`debian-kernel: the configured apt sources carry no ${pkg} (apt-cache policy ${pkg}); run apt-get update?`);
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
    // apt-get writes the .deb into its working directory
    const r = spawnSync('apt-get', ['download', `${pkg}=${version}`], { cwd: work, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`debian-kernel: apt-get download ${pkg}=${version} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-2).join(' | ')}`);
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`debian-kernel: apt-get download ${pkg} left no .deb in ${work}`);
    // only ./boot: the modules are most of the package and the vm backend needs none of them
    // (piped: the whole file tree of a generic kernel is hundreds of MB uncompressed; a broken
    // package shows up below as a missing vmlinuz)
    const x = spawnSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" --wildcards "./boot/*"', 'sh', join(work, deb), work], { encoding: 'utf8' });
    if (x.error || x.status !== 0) throw new Error(`debian-kernel: extracting ./boot from ${deb} failed: ${(x.stderr || x.error?.message || '').trim()}`);
    rmSync(join(work, deb));
    const boot = join(work, 'boot');
    const vmlinuz = readdirSync(boot).find((f) => f.startsWith('vmlinuz-'));
    if (!vmlinuz) throw new Error(`debian-kernel: ${deb} holds no /boot/vmlinuz-*`);
    const release = vmlinuz.slice('vmlinuz-'.length);
    const info = { package: pkg, version, release, image: join(dir, 'boot', vmlinuz), config: join(dir, 'boot', `config-${release}`) };
    writeFileSync(join(work, 'kernel.json'), JSON.stringify(info) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return info;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const list = args.includes('--list');
    const pkgs = args.filter((a) => a !== '--list');
    const wanted = pkgs.length ? pkgs : debianKernelPackages();
    for (const p of wanted) console.log(list ? p : JSON.stringify(fetchDebianKernel(p)));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
