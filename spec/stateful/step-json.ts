/**
 * The JSON form of steps and sequences, the same in reports, corpora, `replay --sequence` and the
 * known-answer vectors: a step is its TypeScript object with the SQE of a submit step as 128 hex
 * digits (spec/sqe.ts) or, for hand-written vectors, an object naming the non-zero SQE fields.
 */
import { z } from 'zod';
import { sqeFromHex, sqeToHex } from '../sqe.js';
import { SQE_FIELD_NAMES, zeroSqe, type Sqe } from '../sqe-layout.js';
import { MAX_SEQUENCE_STEPS, MAX_STEP_ENTRIES, REGISTER_ARG_KINDS, type Step, type StepSequence } from './step.js';

const u32 = z.number().int().min(0).max(0xffffffff);
const s32OrU32 = z.number().int().min(-0x80000000).max(0xffffffff);

const EntrySchema = z.strictObject({ value: s32OrU32, len: u32, tag: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

const RegisterSchema = z.strictObject({
  kind: z.literal('register'),
  opcode: u32,
  nrArgs: u32,
  arg: z.enum(REGISTER_ARG_KINDS),
  offset: u32,
  flags: u32,
  nr: u32,
  resv: u32,
  resv2: u32,
  tags: z.boolean(),
  entries: z.array(EntrySchema).max(MAX_STEP_ENTRIES),
});

/** A submit step's SQE: 128 hex digits, or an object of the fields that are not zero. */
const SqeJsonSchema = z.union([z.string(), z.record(z.string(), z.union([z.number(), z.string()]))]);

const SubmitSchema = z.strictObject({ kind: z.literal('submit'), sqe: SqeJsonSchema });

const BpfOpSchema = z.strictObject({ kind: z.literal('bpf_op'), action: z.enum(['register', 'unregister']), id: u32, ringFd: s32OrU32 });

export const StepJsonSchema = z.discriminatedUnion('kind', [RegisterSchema, SubmitSchema, BpfOpSchema]);
export type StepJson = z.input<typeof StepJsonSchema>;

export const StepSequenceJsonSchema = z.strictObject({
  ring: z.strictObject({ setupFlags: u32 }),
  steps: z.array(StepJsonSchema).min(1).max(MAX_SEQUENCE_STEPS),
});

function sqeFromJson(v: string | Record<string, number | string>, where: string): Sqe {
  if (typeof v === 'string') return sqeFromHex(v);
  const sqe = zeroSqe() as Record<string, number | bigint>;
  for (const [k, x] of Object.entries(v)) {
    if (!(SQE_FIELD_NAMES as readonly string[]).includes(k)) throw new Error(`${where}: sqe has no field '${k}' (fields: ${SQE_FIELD_NAMES.join(', ')})`);
    const big = typeof sqe[k] === 'bigint';
    sqe[k] = big ? BigInt(x) : Number(x);
  }
  return sqe as Sqe;
}

/** A step's JSON form (the SQE as hex). */
export function stepToJson(step: Step): StepJson {
  return step.kind === 'submit' ? { kind: 'submit', sqe: sqeToHex(step.sqe) } : { ...step, ...(step.kind === 'register' ? { entries: step.entries.map((e) => ({ ...e })) } : {}) };
}

/** A step from its JSON form; throws an Error starting with `where` naming what is wrong. */
export function stepFromJson(input: unknown, where: string): Step {
  const r = StepJsonSchema.safeParse(input);
  if (!r.success) throw new Error(`${where}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const s = r.data;
  return s.kind === 'submit' ? { kind: 'submit', sqe: sqeFromJson(s.sqe, where) } : s;
}

export function sequenceToJson(seq: StepSequence): { ring: { setupFlags: number }; steps: StepJson[] } {
  return { ring: { setupFlags: seq.ring.setupFlags }, steps: seq.steps.map(stepToJson) };
}

export function sequenceFromJson(input: unknown, where: string): StepSequence {
  const r = StepSequenceJsonSchema.safeParse(input);
  if (!r.success) throw new Error(`${where}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return { ring: r.data.ring, steps: r.data.steps.map((s, i) => stepFromJson(s, `${where}: step ${i}`)) };
}
