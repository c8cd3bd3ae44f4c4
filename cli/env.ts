/**
 * Environment variables are input like options: checked before a command starts, and a bad value
 * is one line and exit 2, never an internal error halfway through a run.
 */
import { UsageError } from './usage-error.js';

/** The variables uring-spec reads, with what a valid value is. */
const VARIABLES: { name: string; valid: RegExp; what: string }[] = [
  { name: 'URING_SPEC_BATCH_TIMEOUT_MS', valid: /^[1-9]\d*(\.\d+)?$|^0\.\d*[1-9]\d*$/, what: 'a positive number of milliseconds (the per-batch timeout)' },
  { name: 'URING_SPEC_STARTUP_TIMEOUT_MS', valid: /^[1-9]\d*(\.\d+)?$|^0\.\d*[1-9]\d*$/, what: 'a positive number of milliseconds (how long an adapter may take to say hello)' },
  { name: 'URING_SPEC_KERNEL_WAIT_MS', valid: /^[1-9]\d{0,6}$/, what: 'a whole number of milliseconds from 1 to 3600000 (how long the kernel adapter waits for a completion)' },
];

/** Throws a UsageError naming the first variable with a bad value. */
export function checkEnvironment(command: string, env: NodeJS.ProcessEnv = process.env): void {
  for (const v of VARIABLES) {
    const raw = env[v.name];
    if (raw === undefined || raw === '') continue;
    if (!v.valid.test(raw.trim())) throw new UsageError(`${command}: ${v.name} must be ${v.what}, got '${raw}'`);
  }
}
