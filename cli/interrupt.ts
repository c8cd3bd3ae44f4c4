/**
 * SIGINT and SIGTERM: every adapter (and everything it started) is killed and reaped, the running
 * command prints its partial report, and the process exits 130 / 143. Bounded: if the report
 * cannot be written within a few seconds, the process exits anyway.
 */
import { adaptersExited, killAllAdapters } from '../backends/exec/exec-backend.js';
import { SIGNAL_EXIT } from './exit-codes.js';

type Signal = keyof typeof SIGNAL_EXIT;
/** Writes what the command has so far; called once, after the adapters are gone. */
export type PartialReport = (signal: Signal) => void;

/** How long reaping the adapters and writing the report may take before the process just exits. */
const INTERRUPT_GRACE_MS = 3000;

let partial: PartialReport | null = null;
let installed = false;
let interrupted = false;

/** Sets the current command's partial report (null: the command has none); returns a reset. */
export function onInterrupt(report: PartialReport | null): () => void {
  partial = report;
  return () => {
    if (partial === report) partial = null;
  };
}

/** Installs the handlers (once per process; the CLI entry point does it). */
export function handleInterrupts(command: string): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as Signal[]) {
    process.on(signal, () => {
      if (interrupted) return; // a second Ctrl-C while the report is written changes nothing
      interrupted = true;
      const code = SIGNAL_EXIT[signal];
      killAllAdapters();
      setTimeout(() => process.exit(code), INTERRUPT_GRACE_MS).unref();
      void adaptersExited(INTERRUPT_GRACE_MS - 500).then(() => {
        try {
          if (partial) partial(signal);
          else process.stderr.write(`uring-spec ${command}: interrupted by ${signal}\n`);
        } finally {
          process.exit(code);
        }
      });
    });
  }
}
