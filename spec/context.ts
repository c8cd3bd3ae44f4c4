/**
 * The ring context a case runs in: what io_uring_setup and io_uring_register made of the ring.
 * The same keys are used in JSON everywhere (command line, corpus, reports).
 */
import { z } from 'zod';
import { IORING_MAX_REG_BUFFERS, MAX_BUF_SIZE } from './constants.js';

/** The ring context schema. Defaults give a plain ring with nothing registered. */
export const RingContextSchema = z.strictObject({
  /** io_uring_params.flags the ring was set up with (IORING_SETUP_*). */
  setupFlags: z.number().int().min(0).max(0xffffffff).default(0),
  /** Size of the registered buffer table (buf_table.nr); 0 = nothing registered. */
  nrBufs: z.number().int().min(0).max(IORING_MAX_REG_BUFFERS).default(0),
  /** Size in bytes of each registered buffer (at the canonical addresses). */
  bufSize: z.number().int().min(1).max(MAX_BUF_SIZE).default(4096),
  /** BPF op ids (0-255) whose prep_fn is registered; a registered prep_fn returns 0. */
  ops: z
    .array(z.number().int().min(0).max(255))
    .default([])
    .refine((a) => new Set(a).size === a.length, { message: 'op ids must be unique' }),
  /** Registered personalities: ids 1..n. */
  personalities: z.number().int().min(0).max(0xffff).default(0),
});

/** A ring context. */
export type RingContext = z.output<typeof RingContextSchema>;

/** A plain ring with nothing registered. */
export function defaultContext(): RingContext {
  return RingContextSchema.parse({});
}

/** A context in its canonical JSON form (ops sorted), so equal contexts print equally. */
export function canonicalContext(ctx: RingContext): RingContext {
  return { setupFlags: ctx.setupFlags >>> 0, nrBufs: ctx.nrBufs, bufSize: ctx.bufSize, ops: [...ctx.ops].sort((a, b) => a - b), personalities: ctx.personalities };
}

/** A context given as JSON text, parsed; anything else as it is. Throws `<what>: not JSON (...)`. */
export function contextValue(input: unknown, what: string): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (e) {
    throw new Error(`${what}: not JSON (${(e as Error).message})`);
  }
}

/**
 * Parses a context from JSON text or an object; throws an Error whose message names each
 * offending key and what it must be.
 */
export function parseContext(input: unknown, what = 'ctx'): RingContext {
  const value = contextValue(input, what);
  const r = RingContextSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${what}: ${issues} (keys: setupFlags, nrBufs, bufSize, ops, personalities)`);
  }
  return canonicalContext(r.data);
}
