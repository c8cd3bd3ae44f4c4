/** Input and output files on the command line: one wording for every error, naming the path. */
import { FileError } from '../corpus/file-error.js';
import { UsageError } from './usage-error.js';

/** Runs `fn`; a FileError (or any Error) becomes a UsageError: "check: --junit cannot write x: ...". */
export function fileUsage<T>(command: string, fn: () => T, flag = ''): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof FileError) throw new UsageError(`${command}: ${flag}${e.message}`);
    throw new UsageError(`${command}: ${(e as Error).message}`);
  }
}
