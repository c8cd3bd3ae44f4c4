/** Command-line parsing on node:util parseArgs, with errors that name the option and the choices. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` for `command`; unknown options and missing values are UsageErrors. */
export function parse(command: string, argv: string[], options: Options, allowPositionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  // `--seed -5`: parseArgs takes a value starting with '-' for an option, so join such a pair
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    const r = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    const known = Object.keys(options).map((k) => `--${k}`).join(', ');
    throw new UsageError(`${command}: ${(e as Error).message.split('\n')[0]} (options: ${known})`);
  }
}

/** A non-negative integer option. */
export function intOption(command: string, name: string, value: string | undefined, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return dflt;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${command}: --${name} takes a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${command}: --${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** The seed: a 32-bit integer (negative allowed, as fast-check prints them). */
export function seedOption(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${command}: --seed takes a 32-bit integer, got '${value}'`);
  const n = Number(value);
  if (n < -0x80000000 || n > 0xffffffff) throw new UsageError(`${command}: --seed must fit 32 bits, got ${value}`);
  return n >>> 0; // -1 and 4294967295 are the same seed; reports print the unsigned form
}

/** A required string option. */
export function required(command: string, name: string, value: string | undefined, hint: string): string {
  if (value === undefined || value === '') throw new UsageError(`${command}: --${name} is required (${hint})`);
  return value;
}
