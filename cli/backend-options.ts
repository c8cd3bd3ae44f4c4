/** The options every command that starts a backend takes: how long an adapter may take. */
import type { BackendOptions } from '../backends/registry.js';
import { UsageError } from './usage-error.js';

/** For parse(): --batch-timeout SECONDS, --startup-timeout SECONDS. */
export const BACKEND_OPTIONS = { 'batch-timeout': { type: 'string' }, 'startup-timeout': { type: 'string' } } as const;

export const BACKEND_OPTIONS_USAGE = `  --batch-timeout S: seconds an adapter may take to answer one batch (default 5; kernel 60)
  --startup-timeout S: seconds an adapter may take to print its hello (default 60)`;

/** A positive number of seconds (fractions allowed) as milliseconds, or undefined when not given. */
function seconds(command: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new UsageError(`${command}: --${name} takes a positive number of seconds, got '${value}'`);
  return Math.round(n * 1000);
}

/** The backend options from parsed values. */
export function backendOptions(command: string, values: Record<string, unknown>): BackendOptions {
  return {
    batchTimeoutMs: seconds(command, 'batch-timeout', values['batch-timeout'] as string | undefined),
    startupTimeoutMs: seconds(command, 'startup-timeout', values['startup-timeout'] as string | undefined),
  };
}
