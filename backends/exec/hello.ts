/**
 * The hello line an exec-protocol adapter prints first (docs/exec-protocol.md, "Hello"): parsed
 * and checked with zod, keys the protocol does not define kept aside for the capabilities' info.
 */
import { z } from 'zod';

/** The protocol version every adapter speaks. */
export const PROTOCOL = 'uring-spec/1';
/** Version 1 plus sequence requests (docs/stateful.md): said by adapters that run sequences. */
export const PROTOCOL_2 = 'uring-spec/2';
/** The versions this harness speaks. */
export const PROTOCOLS = [PROTOCOL, PROTOCOL_2] as const;

/** What a valid hello says. */
export interface Hello {
  protocol: (typeof PROTOCOLS)[number];
  /** Whether the adapter runs sequence requests (it said uring-spec/2). */
  sequences: boolean;
  name: string;
  specs: string[];
  data: boolean;
  /** Specs the adapter knows but cannot run here, with the reason (a live-kernel adapter's probe). */
  unsupported: Record<string, string>;
  /** False when the adapter cannot register BPF ops: every context must then have none. */
  registeredOps: boolean;
  /** Values the adapter uses for constants a spec names (a rebased series), e.g. {"IORING_SETUP_BPF": 2097152}. */
  constants?: Record<string, number>;
  /** Every other key of the hello (scratch, kernel, ...), as sent. */
  info: Record<string, unknown>;
}

const KNOWN = ['protocol', 'name', 'specs', 'data', 'unsupported', 'registeredOps', 'constants'] as const;

const HelloSchema = z.looseObject({
  protocol: z.string(),
  name: z.string(),
  specs: z.array(z.string()),
  data: z.boolean(),
  unsupported: z.record(z.string(), z.string()).optional(),
  registeredOps: z.boolean().optional(),
  constants: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a uapi constant name'), z.number().int().min(0).max(0xffffffff)).optional(),
  // Not a key this parser needs, but the protocol defines it: a wrong shape is the adapter's bug.
  scratch: z.strictObject({ fd: z.number().int().min(0), size: z.number().int().min(0) }).optional(),
});

/** The line shortened for an error message (a binary frame printed by mistake can be long). */
function excerpt(line: string): string {
  const s = JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line);
  return s;
}

/**
 * Parses the hello line (without its newline). Throws an Error starting `hello:` that names what
 * is wrong: not JSON, not an object, another protocol, or each key of the wrong type.
 */
export function parseHello(line: string): Hello {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`hello: not JSON: ${excerpt(line)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`hello: not a JSON object: ${excerpt(line)}`);
  const protocol = (value as Record<string, unknown>).protocol;
  // Checked first and on its own: a future protocol may change every other key.
  if (protocol !== PROTOCOL && protocol !== PROTOCOL_2) throw new Error(`hello: protocol is ${JSON.stringify(protocol)}, expected ${PROTOCOLS.map((p) => `"${p}"`).join(' or ')}`);
  const r = HelloSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`hello: ${issues}`);
  }
  const info: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data)) if (!(KNOWN as readonly string[]).includes(k)) info[k] = v;
  return { protocol, sequences: protocol === PROTOCOL_2, name: r.data.name, specs: r.data.specs, data: r.data.data, unsupported: r.data.unsupported ?? {}, registeredOps: r.data.registeredOps ?? true, ...(r.data.constants ? { constants: r.data.constants } : {}), info };
}
