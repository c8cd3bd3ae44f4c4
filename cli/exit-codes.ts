/**
 * The exit codes, one table for every command, the help text and the README: a CI job gated on
 * uring-spec must never be green when nothing was checked.
 */

/** What a command's exit code says. */
export const EXIT = {
  /** At least one property ran against the backend and none failed. */
  passed: 0,
  /** A property failed (a protocol violation after the hello included), or --time-budget left properties unrun. */
  failed: 1,
  /** Bad usage: options, environment, input files, an adapter that cannot start or sends a bad hello. */
  usage: 2,
  /** An internal error, after whatever report exists was printed. */
  internal: 3,
  /** Nothing ran: the backend cannot run the spec here (liburing's SKIP convention). */
  skipped: 77,
} as const;

/** 128 + the signal's number, as shells report it. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** The table, for --help and the README (kept equal by test/cli/exit-codes.test.ts). */
export const EXIT_CODES_TEXT = `Exit codes:
  0    at least one property ran against the backend and none failed
       (properties the backend cannot run, e.g. those needing a registered BPF op, are skips)
  1    a property failed (a protocol violation after the hello included), a rule fired
       fewer than --min-rule-hits times, or --time-budget left properties unrun
       (0 with --allow-partial); replay: a case differs
  2    bad usage: an option, an environment variable or an input file is wrong, an input
       line was rejected, or the adapter cannot start or sends a bad hello
  3    internal error (a bug in uring-spec), after printing whatever report exists
  77   nothing ran: the backend cannot run the spec here (check: 0 with --allow-skip)
  130  interrupted by SIGINT, 143 by SIGTERM (the partial report is printed first)`;
