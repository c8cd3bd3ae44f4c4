/**
 * A cpio archive in the "newc" format (the one the kernel unpacks as an initramfs), written in
 * memory: no cpio tool, no root. Device nodes are plain header fields here, so /dev/console can be
 * in the archive without mknod.
 */

/** One archive member. Directories must come before what they hold (the kernel unpacks in order). */
export type CpioEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array; mode?: number }
  | { kind: 'chardev'; path: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFCHR = 0o020000;
const MAGIC = '070701';
const TRAILER = 'TRAILER!!!';

function hex8(what: string, v: number): string {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`cpioNewc: ${what} ${v} does not fit the 8 hex digits of a newc field`);
  return v.toString(16).padStart(8, '0');
}

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function header(ino: number, mode: number, nlink: number, size: number, rdevMajor: number, rdevMinor: number, name: string): Uint8Array {
  const nameBytes = Buffer.from(name + '\0', 'utf8');
  const fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdevMajor, rdevMinor, nameBytes.length, 0];
  const names = ['ino', 'mode', 'uid', 'gid', 'nlink', 'mtime', 'filesize', 'devmajor', 'devminor', 'rdevmajor', 'rdevminor', 'namesize', 'check'];
  const text = MAGIC + fields.map((v, i) => hex8(`${names[i]} of '${name}'`, v)).join('');
  // the 110-byte header plus the name are padded together to a multiple of 4
  return Buffer.concat([Buffer.from(text, 'ascii'), nameBytes, Buffer.alloc(pad4(110 + nameBytes.length))]);
}

/**
 * The archive holding `entries` in order, ended by the trailer. Paths are relative to the root
 * (`init`, `dev/console`); a leading '/' is dropped. Throws an Error starting `cpioNewc:` for an
 * empty path, a path with '..' or a duplicate.
 */
export function cpioNewc(entries: readonly CpioEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const seen = new Set<string>();
  let ino = 1;
  for (const e of entries) {
    const path = e.path.replace(/^\/+/, '');
    if (!path || path.split('/').some((p) => p === '..' || p === '')) throw new Error(`cpioNewc: bad path '${e.path}'`);
    if (seen.has(path)) throw new Error(`cpioNewc: '${path}' is in the archive twice`);
    seen.add(path);
    if (e.kind === 'dir') parts.push(header(ino++, S_IFDIR | (e.mode ?? 0o755), 2, 0, 0, 0, path));
    else if (e.kind === 'chardev') parts.push(header(ino++, S_IFCHR | (e.mode ?? 0o600), 1, 0, e.major, e.minor, path));
    else {
      parts.push(header(ino++, S_IFREG | (e.mode ?? 0o644), 1, e.data.length, 0, 0, path), e.data, new Uint8Array(pad4(e.data.length)));
    }
  }
  parts.push(header(0, 0, 1, 0, 0, 0, TRAILER));
  return Buffer.concat(parts);
}
