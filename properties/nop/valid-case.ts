/**
 * Valid requests of a nop version: every generic check passes and every nop_flags combination the
 * kernel accepts, with what it needs: FILE names the scratch file on the normal path, FIXED_BUFFER
 * an index inside the table, CQE32 a ring set up with IORING_SETUP_CQE32, a 128-byte op
 * (IORING_OP_NOP128) a ring set up with IORING_SETUP_SQE128. Corruptions (corruptions.ts) break
 * one rule at a time starting from these.
 */
import fc from 'fast-check';
import { IORING_SETUP_IOPOLL, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import {
  IORING_NOP_CQE32,
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_NOP_INJECT_RESULT,
  IORING_NOP_TW,
  IORING_SETUP_CQE32,
  IORING_SETUP_SQE128,
  SCRATCH_FD,
} from '../../spec/mainline-constants.js';
import { ops128, type MainlineVersion } from '../../spec/mainline-version.js';
import type { Case } from '../case.js';
import { numberOfKind, u64 } from '../arbitraries/values.js';
import { HARMLESS_SETUP_FLAGS } from '../common/setup-flags.js';
import { bufSizeArb, harmlessFlags, nrBufsArb, personalitiesArb, pickPersonality, safeFd } from '../mainline/safe-values.js';

/** The nop_flags bits a valid request may combine freely (FIXED_FILE only goes without FILE). */
const FREE_NOP_FLAGS = [IORING_NOP_INJECT_RESULT, IORING_NOP_FILE, IORING_NOP_FIXED_BUFFER, IORING_NOP_TW, IORING_NOP_CQE32] as const;

/** Setup flags for NOP rings: the harmless ones and IOPOLL (NOP supports iopoll). CQE32 is added when wanted. */
export const NOP_SETUP_FLAGS = [...HARMLESS_SETUP_FLAGS, IORING_SETUP_IOPOLL] as const;

/** Injected results: the sign boundary, -errno values and the ends of the u32. */
export const injectLen = numberOfKind('u32', [42, 0x7fffffff, 0x80000000, 0xfffffffb, 0xfffffff2]);

const rawValid = fc.record({
  nopFlags: fc.subarray([...FREE_NOP_FLAGS]),
  // without FILE, IORING_NOP_FIXED_FILE and IOSQE_FIXED_FILE are not looked at
  loneFixedFile: fc.boolean(),
  loneIosqeFixedFile: fc.boolean(),
  flags: harmlessFlags,
  setup: fc.constantFrom(...NOP_SETUP_FLAGS),
  cqe32Ring: fc.boolean(),
  nrBufs: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: nrBufsArb }),
  bufSize: bufSizeArb,
  personalities: personalitiesArb,
  personalityPick: fc.nat(),
  indexPick: fc.nat(),
  fd: safeFd,
  len: injectLen,
  bufIndex: numberOfKind('u16'),
  off: u64(),
  addr: u64(),
  user_data: u64(),
  splice_fd_in: numberOfKind('s32'),
  addr3: u64(),
  pad2: u64(),
});

type RawValid = typeof rawValid extends fc.Arbitrary<infer T> ? T : never;

/** Valid requests of version `v`'s ops (or of `only`) in a ring that accepts them. */
export function validNopCases(v: MainlineVersion<string>): (only?: readonly number[]) => fc.Arbitrary<Case> {
  const all = Object.keys(v.ops).map(Number);
  // where 128-byte ops exist, their ring (SQE128) carries 64-byte ops too
  const sqe128Ring = ops128(v).length ? fc.boolean() : fc.constant(false);
  return (only) => fc.record({ op: fc.constantFrom(...(only ?? all)), r: rawValid, sqe128Ring }).map(({ op, r, sqe128Ring }) => validNop(op, r, sqe128Ring || !!v.ops[op]?.is128));
}

/** A valid request of opcode `op`, the ring set up with SQE128 when `sqe128`. */
function validNop(op: number, r: RawValid, sqe128: boolean): Case {
  let nopFlags = r.nopFlags.reduce((a, b) => a | b, 0);
  let flags = r.flags;
  if (!(nopFlags & IORING_NOP_FILE)) {
    if (r.loneFixedFile) nopFlags |= IORING_NOP_FIXED_FILE;
    if (r.loneIosqeFixedFile) flags |= IOSQE_FIXED_FILE;
  }
  // a fixed buffer needs a table with buf_index inside it; nr - 1 and 0 are the edges
  const fixedBuffer = (nopFlags & IORING_NOP_FIXED_BUFFER) !== 0;
  const nrBufs = fixedBuffer && r.nrBufs === 0 ? 1 : r.nrBufs;
  const bufIndex = fixedBuffer ? (r.indexPick % 3 === 0 ? nrBufs - 1 : r.indexPick % nrBufs) : r.bufIndex;
  const cqe32 = (nopFlags & IORING_NOP_CQE32) !== 0 || r.cqe32Ring;
  return {
    sqe: {
      opcode: op,
      flags,
      ioprio: 0,
      fd: nopFlags & IORING_NOP_FILE ? SCRATCH_FD : r.fd,
      off: r.off,
      addr: r.addr,
      len: r.len,
      op_flags: nopFlags >>> 0,
      user_data: r.user_data,
      buf_index: bufIndex,
      personality: pickPersonality(r.personalities, r.personalityPick),
      splice_fd_in: r.splice_fd_in,
      addr3: r.addr3,
      pad2: r.pad2,
    },
    ctx: { setupFlags: (r.setup | (cqe32 ? IORING_SETUP_CQE32 : 0) | (sqe128 ? IORING_SETUP_SQE128 : 0)) >>> 0, nrBufs, bufSize: r.bufSize, ops: [], personalities: r.personalities },
  };
}

/** The result a valid request must complete with, written from the spec: (s32)len when injected, else 0. */
export function expectedNopRes(c: Case): number {
  return c.sqe.op_flags & IORING_NOP_INJECT_RESULT ? c.sqe.len | 0 : 0;
}
