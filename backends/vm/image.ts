/**
 * A first look at the kernel image before QEMU is started, so the common mistakes (a typo in the
 * path, a vmlinux or an initrd passed as the image) fail at once with a clear message rather than
 * as a QEMU error or a boot that never says hello.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** x86 boot protocol: "HdrS" at 0x202 marks a bzImage; its version (u16) follows. */
const HDRS_OFFSET = 0x202;
const HDRS = 0x53726448; // 'HdrS' little endian
const ELF = 0x464c457f; // '\x7fELF'

/** The image's boot protocol version as "2.15". Throws an Error starting `vm:` when it is no bzImage. */
export function checkKernelImage(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error(`vm: kernel image ${path} is not a regular file`);
    size = st.size;
  } catch (e) {
    if ((e as Error).message.startsWith('vm:')) throw e;
    throw new Error(`vm: kernel image ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const head = Buffer.alloc(0x210);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new Error(`vm: kernel image ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size >= head.length && head.readUInt32LE(HDRS_OFFSET) === HDRS) {
    const v = head.readUInt16LE(HDRS_OFFSET + 4);
    return `${v >> 8}.${v & 0xff}`;
  }
  const hint = head.readUInt32LE(0) === ELF ? ' (an ELF file: pass the bzImage, e.g. arch/x86/boot/bzImage or /boot/vmlinuz-*, not vmlinux)' : '';
  throw new Error(`vm: ${path} is not an x86 kernel image: no bzImage header ("HdrS" at 0x202)${hint}`);
}
