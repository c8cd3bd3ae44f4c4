/**
 * A step in words and as its record fields, for reports: "IORING_REGISTER_PERSONALITY (9), arg
 * NULL, nr_args 0" and "kind=register opcode=9 nr_args=0 arg=none". Selectors are named the way
 * docs/stateful.md defines them (canonical buffer i, the scratch file, the ring's own fd).
 */
import { IORING_OP_BPF, IORING_OP_NOP, IORING_OP_READ, IORING_OP_READ_FIXED, IORING_OP_WRITE, IORING_OP_WRITE_FIXED } from '../spec/constants.js';
import { SQE_LAYOUT } from '../spec/sqe-layout.js';
import { registerOpcodeName } from '../spec/stateful/register-opcodes.js';
import { FD_CLOSED, FD_OTHER_RING, FD_SCRATCH, FD_SELF, IOV_BAD, IOV_NULL, type Step, type StepEntry } from '../spec/stateful/step.js';

const OP_NAMES: Readonly<Record<number, string>> = { [IORING_OP_NOP]: 'NOP', [IORING_OP_READ_FIXED]: 'READ_FIXED', [IORING_OP_WRITE_FIXED]: 'WRITE_FIXED', [IORING_OP_READ]: 'READ', [IORING_OP_WRITE]: 'WRITE', [IORING_OP_BPF]: 'BPF' };

/** The opcodes whose array is of iovecs (docs/stateful.md); the others take fds. */
export const IOVEC_REGISTER_OPCODES: readonly number[] = [0, 15, 16];

/** A descriptor selector in words. */
export function fdWords(v: number): string {
  const s32 = v | 0;
  if (s32 === FD_SELF) return "the ring's own fd";
  if (s32 === FD_OTHER_RING) return 'another ring';
  if (s32 === FD_SCRATCH) return 'the scratch file';
  if (s32 === FD_CLOSED) return 'a closed fd';
  if (s32 === -1) return 'empty (-1)';
  if (s32 === -2) return 'skip (-2)';
  return `fd ${s32}`;
}

/** An iovec entry in words. */
function iovWords(e: StepEntry): string {
  const base = e.value === IOV_NULL ? 'NULL' : e.value >>> 0 === IOV_BAD ? 'unmapped' : `buffer ${e.value - 1}`;
  return `{${base}, ${e.len}}${e.tag ? ` tag ${e.tag}` : ''}`;
}

/** The step's entries in words. */
function entriesWords(s: Extract<Step, { kind: 'register' }>): string {
  const iov = IOVEC_REGISTER_OPCODES.includes(s.opcode);
  return `[${s.entries.map((e) => (iov ? iovWords(e) : `${fdWords(e.value)}${e.tag ? ` tag ${e.tag}` : ''}`)).join(', ')}]`;
}

/** One line: what the step does. */
export function stepWords(s: Step): string {
  if (s.kind === 'submit') {
    const set = SQE_LAYOUT.filter((f) => f.name !== 'opcode' && f.name !== 'user_data').flatMap((f) => {
      const v = (s.sqe as Record<string, number | bigint>)[f.name]!;
      return v === 0 || v === 0n ? [] : [`${f.name} ${String(v)}`];
    });
    return `submit IORING_OP_${OP_NAMES[s.sqe.opcode] ?? s.sqe.opcode} (${s.sqe.opcode})${set.length ? `: ${set.join(', ')}` : ''}`;
  }
  if (s.kind === 'bpf_op') return `${s.action} BPF op ${s.id} on ${fdWords(s.ringFd)}`;
  const arg =
    s.arg === 'none'
      ? 'NULL'
      : s.arg === 'iovecs' || s.arg === 'fds'
        ? s.entries.length
          ? `${s.arg} ${entriesWords(s)}`
          : 'NULL'
        : s.arg === 'rsrc_register'
          ? `rsrc_register {nr ${s.nr}, flags 0x${s.flags.toString(16)}, resv2 ${s.resv2}, data ${s.entries.length ? entriesWords(s) : 'NULL'}, tags ${s.tags ? 'set' : 'NULL'}}`
          : s.arg === 'rsrc_update'
            ? `rsrc_update {offset ${s.offset}, resv ${s.resv}, data ${s.entries.length ? entriesWords(s) : 'NULL'}}`
            : `rsrc_update2 {offset ${s.offset}, resv ${s.resv}, data ${s.entries.length ? entriesWords(s) : 'NULL'}, tags ${s.tags ? 'set' : 'NULL'}, nr ${s.nr}, resv2 ${s.resv2}}`;
  return `${registerOpcodeName(s.opcode)} (${s.opcode}), arg ${arg}, nr_args ${s.nrArgs}`;
}

/** The step record's fields that are set, as `name=value` (docs/stateful.md, "Step record"). */
export function stepFields(s: Step): string {
  if (s.kind === 'submit') {
    const set = SQE_LAYOUT.flatMap((f) => {
      const v = (s.sqe as Record<string, number | bigint>)[f.name]!;
      return v === 0 || v === 0n ? [] : [`sqe.${f.name}=${typeof v === 'bigint' ? `0x${v.toString(16)}` : String(v)}`];
    });
    return ['kind=submit', ...set].join(' ');
  }
  if (s.kind === 'bpf_op') return `kind=bpf_op action=${s.action} offset(id)=${s.id} entries[0].value(ring_fd)=${s.ringFd}`;
  const f = [`kind=register`, `opcode=${s.opcode}`, `nr_args=${s.nrArgs}`, `arg=${s.arg}`];
  for (const k of ['offset', 'flags', 'nr', 'resv', 'resv2'] as const) if (s[k] !== 0) f.push(`${k}=${s[k]}`);
  if (s.tags) f.push('tags=1');
  if (s.entries.length) f.push(`entries=[${s.entries.map((e) => `{value ${e.value}, len ${e.len}${e.tag ? `, tag ${e.tag}` : ''}}`).join(', ')}]`);
  return f.join(' ');
}
