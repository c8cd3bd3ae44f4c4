/**
 * Cases typed by a user (--sqe/--ctx, a --cases file): checked against the spec's domain, with a
 * complete ring context. No silent defaults: a context that leaves a key out is an error naming
 * the missing keys, and the plain default context is used only when asked for (`--ctx default`).
 */
import type { Case } from '../properties/case.js';
import type { CaseSpecBundle } from '../registry/specs.js';
import { canonicalContext, defaultContext, parseContext, RingContextSchema, type RingContext, contextValue } from '../spec/context.js';
import { sqeFromHex } from '../spec/sqe.js';
import { UsageError } from './usage-error.js';

/** Every key a ring context must give. */
export function contextKeys(): string[] {
  return Object.keys(RingContextSchema.shape);
}

/** A complete ring context from JSON text or an object; `where` prefixes every error. */
export function completeContext(input: unknown, where: string): RingContext {
  const value = contextValue(input, where);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const missing = contextKeys().filter((k) => !(k in value));
    if (missing.length > 0) throw new Error(`${where}: missing key${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (a context gives every key: ${contextKeys().join(', ')}; --ctx default is a plain ring)`);
  }
  return parseContext(value, where);
}

/** A case from its hex SQE and JSON context, checked against the spec's domain. */
export function caseFrom(spec: CaseSpecBundle, sqeHex: unknown, ctx: unknown, where: string): Case {
  if (typeof sqeHex !== 'string') throw new Error(`${where}: "sqe" must be a string of 128 hex digits`);
  let sqe;
  try {
    sqe = sqeFromHex(sqeHex);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  if (ctx === undefined) throw new Error(`${where}: "ctx" missing (a context gives every key: ${contextKeys().join(', ')})`);
  const context = completeContext(ctx, `${where}: ctx`);
  const outside = spec.domain(sqe, context);
  if (outside) throw new Error(`${where}: ${outside}`);
  return { sqe, ctx: context };
}

/**
 * The case of --sqe and --ctx. --ctx is required; `--ctx default` is the plain ring (nothing
 * set up or registered), and the context used is printed on stderr so the run says what it ran.
 */
export function caseFromOptions(command: string, spec: CaseSpecBundle, sqe: string, ctx: string | undefined): Case {
  if (ctx === undefined) throw new UsageError(`${command}: --sqe needs --ctx JSON with every key (${contextKeys().join(', ')}), or --ctx default for a plain ring`);
  if (ctx === 'default') {
    const used = canonicalContext(defaultContext());
    const c = caseFrom(spec, sqe, used, '--sqe/--ctx');
    process.stderr.write(`${command}: --ctx default: ${JSON.stringify(used)}\n`);
    return c;
  }
  return caseFrom(spec, sqe, ctx, '--sqe/--ctx');
}

/** One line of a cases file: a case, a line to skip (blank or # comment), or why it is rejected. */
export type CaseLine = { line: number; case: Case } | { line: number; skip: true } | { line: number; error: string };

/** Every line of a JSON-lines cases file, in order (line numbers from 1; a final newline ends the file). */
export function caseLines(spec: CaseSpecBundle, path: string, text: string): CaseLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((raw, i): CaseLine => {
    const line = i + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return { line, skip: true };
    let obj: { sqe?: unknown; ctx?: unknown };
    try {
      obj = JSON.parse(raw);
    } catch {
      return { line, error: 'not JSON' };
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { line, error: 'expected an object {"sqe": HEX, "ctx": {...}}' };
    try {
      return { line, case: caseFrom(spec, obj.sqe, obj.ctx, `${path}:${line}`) };
    } catch (e) {
      return { line, error: (e as Error).message.replace(`${path}:${line}: `, '') };
    }
  });
}
