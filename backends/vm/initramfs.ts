/**
 * The guest's whole userspace: /init (backends/c/vm-init) and /adapter (the kernel adapter),
 * both linked statically so the archive needs no libc, no loader and no module, plus /dev/console
 * so the kernel can give init a console before devtmpfs is mounted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpioNewc } from './cpio.js';

/** The two programs, built (see scripts/build-c.mjs, targets vm-init and kernel-adapter-static). */
export interface GuestPrograms {
  init: string;
  adapter: string;
}

/** Writes the initramfs to `path`; returns its size in bytes. */
export function writeInitramfs(path: string, programs: GuestPrograms): number {
  const read = (what: string, p: string): Uint8Array => {
    try {
      return readFileSync(p);
    } catch (e) {
      throw new Error(`vm: cannot read ${what} ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const archive = cpioNewc([
    { kind: 'dir', path: 'dev' },
    { kind: 'chardev', path: 'dev/console', major: 5, minor: 1, mode: 0o600 },
    { kind: 'dir', path: 'proc' },
    { kind: 'dir', path: 'sys' },
    { kind: 'dir', path: 'tmp', mode: 0o1777 },
    { kind: 'file', path: 'init', data: read('the guest init', programs.init), mode: 0o755 },
    { kind: 'file', path: 'adapter', data: read('the kernel adapter', programs.adapter), mode: 0o755 },
  ]);
  writeFileSync(path, archive);
  return archive.length;
}
