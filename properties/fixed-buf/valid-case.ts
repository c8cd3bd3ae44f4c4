/**
 * Valid fixed-buf@6.15 requests: READ_FIXED, WRITE_FIXED, READ or WRITE of the scratch file with
 * a range inside a registered buffer, so every check passes and bytes move. Corruptions
 * (corruptions.ts) break one rule at a time starting from these.
 *
 * Plain READ/WRITE ignore the buffer table, but their memory has to be mapped: the exec protocol
 * only promises memory at the canonical addresses of registered buffers, so their range lies in a
 * registered buffer too (nrBufs >= 1 for every valid case). Offsets stay within 1 MiB and never -1
 * (the file position: a read at -1 would depend on where earlier cases left it, which is state
 * outside the case; the adapter resets it, but the spec does not rely on that).
 */
import fc from 'fast-check';
import { canonicalBufAddr, IORING_OP_READ, IORING_OP_READ_FIXED, IORING_OP_WRITE, IORING_OP_WRITE_FIXED } from '../../spec/constants.js';
import { FIXED_BUF_OPCODES } from '../../spec/fixed-buf-6.15/rules.js';
import { ioprioValue, IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE, IOPRIO_CLASS_NONE, RW_OFF_FILE_POSITION, SCRATCH_FD, SCRATCH_SIZE } from '../../spec/mainline-constants.js';
import type { Case } from '../case.js';
import { numberOfKind, u64 } from '../arbitraries/values.js';
import { HARMLESS_SETUP_FLAGS } from '../common/setup-flags.js';
import { bufSizeArb, harmlessFlags, nrBufsArb, personalitiesArb, pickPersonality } from '../mainline/safe-values.js';

/**
 * ioprio values ioprio_check_cap accepts for any process: none, a hint alone (bits 3-12 are not
 * checked), best-effort at every level, idle. RT is left out (it needs privileges).
 */
export const validIoprio: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer({ min: 1, max: 0x3ff }).map((hint) => ioprioValue(IOPRIO_CLASS_NONE, 0, hint)),
      fc.record({ level: fc.integer({ min: 0, max: 7 }), hint: fc.integer({ min: 0, max: 0x3ff }) }).map(({ level, hint }) => ioprioValue(IOPRIO_CLASS_BE, level, hint)),
      fc.record({ level: fc.integer({ min: 0, max: 7 }), hint: fc.integer({ min: 0, max: 0x3ff }) }).map(({ level, hint }) => ioprioValue(IOPRIO_CLASS_IDLE, level, hint)),
    ),
  },
);

/**
 * Where in the buffer the range lies: the whole buffer, empty at its start or one past its end,
 * the last byte, a range ending exactly at the end, or anywhere.
 */
const RANGE_MODES = ['whole', 'empty-start', 'empty-end', 'last-byte', 'to-end', 'any'] as const;
/** Where in the file: its start, ending exactly at EOF, straddling EOF, at EOF, past it, anywhere inside. */
const OFF_MODES = ['zero', 'end-at-eof', 'straddle-eof', 'at-eof', 'past-eof', 'inside', 'file-position'] as const;

const rawValid = fc.record({
  nrBufs: nrBufsArb,
  bufSize: bufSizeArb,
  slotPick: fc.nat(),
  rangeMode: fc.constantFrom(...RANGE_MODES),
  a: fc.nat(),
  b: fc.nat(),
  offMode: fc.constantFrom(...OFF_MODES),
  offPick: fc.nat({ max: (1 << 20) - 1 }),
  flags: harmlessFlags,
  setup: fc.constantFrom(...HARMLESS_SETUP_FLAGS),
  ioprio: validIoprio,
  personalities: personalitiesArb,
  personalityPick: fc.nat(),
  bufIndex: numberOfKind('u16'),
  user_data: u64(),
  splice_fd_in: numberOfKind('s32'),
  addr3: u64(),
});

/** [offset in the buffer, len] for a range mode. */
function rangeIn(size: number, mode: (typeof RANGE_MODES)[number], a: number, b: number): [number, number] {
  switch (mode) {
    case 'whole':
      return [0, size];
    case 'empty-start':
      return [0, 0];
    case 'empty-end':
      return [size, 0];
    case 'last-byte':
      return [size - 1, 1];
    case 'to-end': {
      const at = a % (size + 1);
      return [at, size - at];
    }
    case 'any': {
      const at = a % (size + 1);
      return [at, b % (size - at + 1)];
    }
  }
}

/** The file offset for an off mode (bigint, within 1 MiB). */
function offFor(mode: (typeof OFF_MODES)[number], len: number, pick: number): bigint {
  switch (mode) {
    case 'zero':
      return 0n;
    case 'end-at-eof':
      return BigInt(Math.max(0, SCRATCH_SIZE - len));
    case 'straddle-eof':
      return BigInt(SCRATCH_SIZE - Math.max(1, Math.floor(len / 2)));
    case 'at-eof':
      return BigInt(SCRATCH_SIZE);
    case 'past-eof':
      return BigInt(SCRATCH_SIZE + 1 + (pick % ((1 << 20) - SCRATCH_SIZE - 1)));
    case 'inside':
      return BigInt(pick % SCRATCH_SIZE);
    case 'file-position':
      // -1: the file position, 0 when every case starts
      return RW_OFF_FILE_POSITION;
  }
}

/** Valid requests of the given opcodes (all four by default). */
export function validRwCase(ops: readonly number[] = FIXED_BUF_OPCODES): fc.Arbitrary<Case> {
  return fc.record({ op: fc.constantFrom(...ops), r: rawValid }).map(({ op, r }) => {
    const slot = r.slotPick % 3 === 0 ? r.nrBufs - 1 : r.slotPick % r.nrBufs;
    const [at, len] = rangeIn(r.bufSize, r.rangeMode, r.a, r.b);
    return {
      sqe: {
        opcode: op,
        flags: r.flags,
        ioprio: r.ioprio,
        fd: SCRATCH_FD,
        off: offFor(r.offMode, len, r.offPick),
        addr: canonicalBufAddr(slot) + BigInt(at),
        len,
        op_flags: 0,
        user_data: r.user_data,
        // a fixed op names the buffer the range is in; plain ops carry any index (not looked at)
        buf_index: op === IORING_OP_READ_FIXED || op === IORING_OP_WRITE_FIXED ? slot : r.bufIndex,
        personality: pickPersonality(r.personalities, r.personalityPick),
        splice_fd_in: r.splice_fd_in,
        addr3: r.addr3,
        pad2: 0n,
      },
      ctx: { setupFlags: r.setup, nrBufs: r.nrBufs, bufSize: r.bufSize, ops: [], personalities: r.personalities },
    };
  });
}

/** Valid requests of any of the four opcodes. */
export const validFixedBufCase: fc.Arbitrary<Case> = validRwCase();

/** The byte count a valid request must complete with, written from the spec: reads stop at EOF, writes write all. */
export function expectedRwRes(c: Case): number {
  const op = c.sqe.opcode;
  if (op === IORING_OP_READ_FIXED || op === IORING_OP_READ) {
    // -1 reads at the file position, which the protocol puts at 0 when each case starts
    const off = c.sqe.off === RW_OFF_FILE_POSITION ? 0n : c.sqe.off;
    return off >= BigInt(SCRATCH_SIZE) ? 0 : Math.min(c.sqe.len, SCRATCH_SIZE - Number(off));
  }
  if (op === IORING_OP_WRITE_FIXED || op === IORING_OP_WRITE) return c.sqe.len;
  throw new Error(`expectedRwRes: opcode ${op} is not one of fixed-buf@6.15's`);
}
