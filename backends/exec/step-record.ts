/**
 * The sequence request of the exec protocol, version 2 (docs/stateful.md): a marker, the ring
 * record, then one 256-byte step record per step. Little-endian, field by field; the layout is a
 * table so the C header (backends/c-header.ts) derives its offsets from it.
 */
import { decodeSqe, encodeSqe } from '../../spec/sqe.js';
import { MAX_SEQUENCE_STEPS, MAX_STEP_ENTRIES, REGISTER_ARG_KINDS, type Step, type StepSequence } from '../../spec/stateful/step.js';

/** The first u32 of a sequence request: never a valid batch count. */
export const SEQUENCE_MARKER = 0xffffffff;
export const RING_RECORD_SIZE = 64;
export const STEP_RECORD_SIZE = 256;
export const STEP_ENTRY_SIZE = 16;

export const STEP_KIND_CODES = { register: 1, submit: 2, bpf_op: 3 } as const;
export const BPF_OP_ACTION_CODES = { register: 1, unregister: 2 } as const;

export const RING_RECORD_LAYOUT = {
  setup_flags: { offset: 0, size: 4 },
  sq_entries: { offset: 4, size: 4 },
} as const;

export const STEP_RECORD_LAYOUT = {
  kind: { offset: 0, size: 4 },
  opcode: { offset: 4, size: 4 },
  nr_args: { offset: 8, size: 4 },
  arg: { offset: 12, size: 4 },
  offset: { offset: 16, size: 4 },
  flags: { offset: 20, size: 4 },
  nr: { offset: 24, size: 4 },
  resv: { offset: 28, size: 4 },
  resv2: { offset: 32, size: 8 },
  tags: { offset: 40, size: 4 },
  nr_entries: { offset: 44, size: 4 },
  sqe: { offset: 64, size: 64 },
  entries: { offset: 128, size: STEP_ENTRY_SIZE * MAX_STEP_ENTRIES },
} as const;

const u32 = (what: string, x: number): number => {
  if (!Number.isInteger(x) || x < -0x80000000 || x > 0xffffffff) throw new Error(`encodeStep: ${what} ${x} is not a 32-bit integer`);
  return x >>> 0;
};

/** Writes one step as a 256-byte record at `offset` of `v` (every byte written). */
export function encodeStep(step: Step, v: DataView, offset: number): void {
  const L = STEP_RECORD_LAYOUT;
  new Uint8Array(v.buffer, v.byteOffset + offset, STEP_RECORD_SIZE).fill(0);
  v.setUint32(offset + L.kind.offset, STEP_KIND_CODES[step.kind], true);
  if (step.kind === 'submit') {
    new Uint8Array(v.buffer, v.byteOffset + offset + L.sqe.offset, 64).set(encodeSqe(step.sqe));
    return;
  }
  if (step.kind === 'bpf_op') {
    v.setUint32(offset + L.opcode.offset, BPF_OP_ACTION_CODES[step.action], true);
    v.setUint32(offset + L.offset.offset, u32('bpf_op id', step.id), true);
    v.setUint32(offset + L.nr_entries.offset, 1, true);
    v.setUint32(offset + L.entries.offset, u32('bpf_op ringFd', step.ringFd), true);
    return;
  }
  if (step.entries.length > MAX_STEP_ENTRIES) throw new Error(`encodeStep: ${step.entries.length} entries, at most ${MAX_STEP_ENTRIES}`);
  v.setUint32(offset + L.opcode.offset, u32('opcode', step.opcode), true);
  v.setUint32(offset + L.nr_args.offset, u32('nrArgs', step.nrArgs), true);
  v.setUint32(offset + L.arg.offset, REGISTER_ARG_KINDS.indexOf(step.arg), true);
  v.setUint32(offset + L.offset.offset, u32('offset', step.offset), true);
  v.setUint32(offset + L.flags.offset, u32('flags', step.flags), true);
  v.setUint32(offset + L.nr.offset, u32('nr', step.nr), true);
  v.setUint32(offset + L.resv.offset, u32('resv', step.resv), true);
  v.setBigUint64(offset + L.resv2.offset, BigInt(u32('resv2', step.resv2)), true);
  v.setUint32(offset + L.tags.offset, step.tags ? 1 : 0, true);
  v.setUint32(offset + L.nr_entries.offset, step.entries.length, true);
  step.entries.forEach((e, i) => {
    const o = offset + L.entries.offset + i * STEP_ENTRY_SIZE;
    v.setUint32(o, u32('entry value', e.value), true);
    v.setUint32(o + 4, u32('entry len', e.len), true);
    v.setBigUint64(o + 8, BigInt(e.tag), true);
  });
}

/** The whole sequence request: marker, n, ring record, n step records. */
export function encodeSequenceRequest(seq: StepSequence): Uint8Array<ArrayBuffer> {
  const n = seq.steps.length;
  if (n < 1 || n > MAX_SEQUENCE_STEPS) throw new Error(`encodeSequenceRequest: ${n} steps, want 1..${MAX_SEQUENCE_STEPS}`);
  const buf = new Uint8Array(8 + RING_RECORD_SIZE + n * STEP_RECORD_SIZE);
  const v = new DataView(buf.buffer);
  v.setUint32(0, SEQUENCE_MARKER, true);
  v.setUint32(4, n, true);
  v.setUint32(8 + RING_RECORD_LAYOUT.setup_flags.offset, u32('setupFlags', seq.ring.setupFlags), true);
  seq.steps.forEach((s, i) => encodeStep(s, v, 8 + RING_RECORD_SIZE + i * STEP_RECORD_SIZE));
  return buf;
}

/** The IORING_REGISTER_* opcodes whose array is of iovecs (docs/stateful.md); others take s32 fds. */
const IOVEC_OPCODES: readonly number[] = [0, 15, 16];

/**
 * The step in the 256-byte record at `offset` of `v` (for adapters written in TypeScript and for
 * tests): the inverse of encodeStep. Descriptor values (fd arrays, a bpf_op's ring) come back as
 * s32, iovec selectors as u32. Throws on a kind or arg code the protocol does not define.
 */
export function decodeStep(v: DataView, offset: number): Step {
  const L = STEP_RECORD_LAYOUT;
  const u32 = (o: number) => v.getUint32(offset + o, true);
  const kind = u32(L.kind.offset);
  if (kind === STEP_KIND_CODES.submit) return { kind: 'submit', sqe: decodeSqe(new Uint8Array(v.buffer, v.byteOffset + offset + L.sqe.offset, 64)) };
  if (kind === STEP_KIND_CODES.bpf_op) {
    const action = u32(L.opcode.offset);
    if (action !== BPF_OP_ACTION_CODES.register && action !== BPF_OP_ACTION_CODES.unregister) throw new Error(`decodeStep: bpf_op action ${action} is not 1 (register) or 2 (unregister)`);
    return { kind: 'bpf_op', action: action === BPF_OP_ACTION_CODES.register ? 'register' : 'unregister', id: u32(L.offset.offset), ringFd: v.getInt32(offset + L.entries.offset, true) };
  }
  if (kind !== STEP_KIND_CODES.register) throw new Error(`decodeStep: step kind ${kind} is not 1, 2 or 3`);
  const argCode = u32(L.arg.offset);
  const arg = REGISTER_ARG_KINDS[argCode];
  if (arg === undefined) throw new Error(`decodeStep: arg ${argCode} is not 0..${REGISTER_ARG_KINDS.length - 1}`);
  const opcode = u32(L.opcode.offset);
  const nEntries = u32(L.nr_entries.offset);
  if (nEntries > MAX_STEP_ENTRIES) throw new Error(`decodeStep: ${nEntries} entries, at most ${MAX_STEP_ENTRIES}`);
  const fds = !IOVEC_OPCODES.includes(opcode);
  const entries = Array.from({ length: nEntries }, (_, i) => {
    const o = offset + L.entries.offset + i * STEP_ENTRY_SIZE;
    return { value: fds ? v.getInt32(o, true) : v.getUint32(o, true), len: v.getUint32(o + 4, true), tag: Number(v.getBigUint64(o + 8, true)) };
  });
  return {
    kind: 'register',
    opcode,
    nrArgs: u32(L.nr_args.offset),
    arg,
    offset: u32(L.offset.offset),
    flags: u32(L.flags.offset),
    nr: u32(L.nr.offset),
    resv: u32(L.resv.offset),
    resv2: Number(v.getBigUint64(offset + L.resv2.offset, true)),
    tags: u32(L.tags.offset) !== 0,
    entries,
  };
}

/**
 * The sequence of a request's bytes after its marker: u32 n, the ring record, n step records.
 * Throws naming what is wrong (a count out of range, too few bytes, a bad record).
 */
export function decodeSequenceBody(bytes: Uint8Array): StepSequence {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 + RING_RECORD_SIZE) throw new Error(`decodeSequenceBody: ${bytes.length} bytes, a sequence request's header is ${4 + RING_RECORD_SIZE}`);
  const n = v.getUint32(0, true);
  if (n < 1 || n > MAX_SEQUENCE_STEPS) throw new Error(`decodeSequenceBody: ${n} steps, want 1..${MAX_SEQUENCE_STEPS}`);
  if (bytes.length < sequenceBodySize(n)) throw new Error(`decodeSequenceBody: ${bytes.length} bytes, ${n} steps need ${sequenceBodySize(n)}`);
  const setupFlags = v.getUint32(4 + RING_RECORD_LAYOUT.setup_flags.offset, true);
  const steps = Array.from({ length: n }, (_, i) => decodeStep(v, 4 + RING_RECORD_SIZE + i * STEP_RECORD_SIZE));
  return { ring: { setupFlags }, steps };
}

/** The size of a sequence request after its marker, for n steps. */
export function sequenceBodySize(n: number): number {
  return 4 + RING_RECORD_SIZE + n * STEP_RECORD_SIZE;
}
