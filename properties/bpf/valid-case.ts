/**
 * Valid requests of any version of the IORING_OP_BPF series: every generic check passes, the ring
 * has the version's setup flag, bpf_op_flags is one the version accepts (V1 with buffers: a valid
 * buffer pair and no custom flag; otherwise any low 24 bits), the op id is registered. Corruptions
 * break one rule at a time starting from these, so a failing property points at one rule.
 */
import fc from 'fast-check';
import { IORING_BPF_OP_FLAGS } from '../../spec/bpf-op-flags.js';
import { IORING_OP_BPF } from '../../spec/bpf/common.js';
import type { BpfVersion } from '../../spec/bpf/version.js';
import { canonicalBufAddr, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import type { Case } from '../case.js';
import { boundedInt, numberOfKind, u64 } from '../arbitraries/values.js';
import type { ValidCases } from '../common/corruption-kit.js';
import { HARMLESS_SETUP_FLAGS } from '../common/setup-flags.js';
import { harmlessFlags } from '../mainline/safe-values.js';

/**
 * The buffer-type pairs V1 prep (patch 4/5) accepts: buffer 1 none/plain/fixed x buffer 2
 * none/plain (the patch lists five "valid combinations"; buffer 1 none + buffer 2 plain passes too).
 */
export const VALID_BUFFER_PAIRS = [
  [0, 0],
  [1, 0],
  [2, 0],
  [0, 1],
  [1, 1],
  [2, 1],
] as const;

/**
 * Registered buffer tables stay small (0-64): index boundaries are relative to nr, so a small
 * table reaches them all, and a live kernel registers every buffer of the table per ring.
 */
export const nrBufsArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 2, 16) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }) });

/** Op ids up to `max`: the ends, 1, and the sign boundary 127/128 of a byte where they exist. */
export function opIdArb(max: number): fc.Arbitrary<number> {
  return boundedInt(0, max, [1, 127, 128, 254, max - 1].filter((x) => x >= 0 && x <= max));
}

/** The low 24 bits the program owns: anything, with the ends and single bits favoured. */
const progBits = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffffff }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 1 << 17, 1 << 18, 1 << 23, 0xffffff) });

/** Valid requests of `v`; one opcode, so the `ops` restriction of ValidCases is moot. */
export function validBpfCaseOf(v: BpfVersion): ValidCases {
  const raw = fc.record({
    pair: fc.constantFrom(...VALID_BUFFER_PAIRS),
    prog: progBits,
    op: opIdArb(v.valid.opIdMax),
    otherOps: fc.array(fc.integer({ min: 0, max: v.valid.opIdMax }), { maxLength: 4 }),
    nrBufs: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: nrBufsArb }),
    bufSize: fc.constantFrom(4096, 65536),
    personalities: fc.integer({ min: 0, max: 3 }),
    personalityPick: fc.nat(),
    indexPick: fc.nat(),
    flags: harmlessFlags,
    // IORING_OP_BPF sets no needs_file: IOSQE_FIXED_FILE is accepted and changes nothing (observed: flag/op0/sqe-flags-FIXED_FILE)
    fixedFile: fc.boolean(),
    setup: fc.constantFrom(...HARMLESS_SETUP_FLAGS),
    fd: numberOfKind('s32'),
    off: u64(),
    addr: u64([canonicalBufAddr(0), canonicalBufAddr(1)]),
    len: numberOfKind('u32', [4096]),
    user_data: u64(),
    addr3: u64(),
    optlen: numberOfKind('u32'),
    pad2: u64(),
  });
  const arb: fc.Arbitrary<Case> = raw.map((r) => {
    const buffers = v.valid.lowBits === 'buffer-pairs';
    const [buf1, buf2] = buffers ? r.pair : [0, 0];
    // a fixed buffer 1 needs a table with buf_index inside it; nr - 1 and 0 are the edges
    const nrBufs = buf1 === 2 && r.nrBufs === 0 ? 1 : r.nrBufs;
    const bufIndex = buf1 === 2 ? (r.indexPick % 3 === 0 ? nrBufs - 1 : r.indexPick % nrBufs) : r.indexPick & 0xffff;
    const personality = r.personalities === 0 || r.personalityPick % 2 === 0 ? 0 : 1 + (r.personalityPick % r.personalities);
    const ops = [...new Set([r.op, ...r.otherOps])].sort((a, b) => a - b);
    const opFlags = buffers ? IORING_BPF_OP_FLAGS(r.op, buf1, buf2, 0) : ((r.op << 24) | r.prog) >>> 0;
    return {
      sqe: {
        opcode: IORING_OP_BPF,
        flags: r.flags | (r.fixedFile ? IOSQE_FIXED_FILE : 0),
        ioprio: 0,
        fd: r.fd,
        off: r.off,
        addr: r.addr,
        len: r.len,
        op_flags: opFlags,
        user_data: r.user_data,
        buf_index: bufIndex,
        personality,
        splice_fd_in: r.optlen | 0,
        addr3: r.addr3,
        pad2: r.pad2,
      },
      ctx: { setupFlags: (v.setupFlag.value | r.setup) >>> 0, nrBufs, bufSize: r.bufSize, ops, personalities: r.personalities },
    };
  });
  return () => arb;
}
