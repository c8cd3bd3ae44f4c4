/** File errors in one wording for every command: the path, then what is wrong in words. */
import { readFileSync, writeFileSync } from 'node:fs';

/** A file system error in words: "is a directory (EISDIR)". */
export function fileErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return err.code ? `${words[err.code] ?? err.message.replace(/^\w+: /, '').split(',')[0]} (${err.code})` : String(err.message ?? e);
}

/** An error about a file, worded the same everywhere: "cannot read PATH: is a directory (EISDIR)". */
export class FileError extends Error {
  constructor(
    readonly verb: 'read' | 'write',
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot ${verb} ${path}: ${fileErrorText(cause)}`);
    this.name = 'FileError';
  }
}

/** The file's text; a FileError when it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileError('read', path, e);
  }
}

/** Writes the file; a FileError when it cannot be written. */
export function writeText(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new FileError('write', path, e);
  }
}
