/**
 * Bad input on the command line: one line on stderr, exit 2, no stack trace. `code` 77 is the
 * same one line for "the backend cannot run this spec here" (exit-codes.ts).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code: 2 | 77 = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs `fn`, turning any thrown Error into a UsageError with the command's name in front. */
export function asUsage<T>(command: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${command}: ${(e as Error).message}`);
  }
}
