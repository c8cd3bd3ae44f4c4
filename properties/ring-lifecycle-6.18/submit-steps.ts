/**
 * Submit steps of ring-lifecycle@6.18: NOP with IORING_NOP_FILE / FIXED_FILE / FIXED_BUFFER /
 * INJECT_RESULT and READ_FIXED / WRITE_FIXED, naming table slots, personality ids and buffer
 * ranges that the register steps drawn beside them may or may not have set up (slot i holds
 * canonical buffer i when a registration drew it). Now and then one generic check is broken.
 * Never IO_DRAIN, IO_LINK, IO_HARDLINK or CQE_SKIP_SUCCESS (the spec's domain).
 */
import fc from 'fast-check';
import { canonicalBufAddr, IORING_OP_NOP, IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED, IOSQE_ASYNC, IOSQE_BUFFER_SELECT, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import { IORING_NOP_FILE, IORING_NOP_FIXED_BUFFER, IORING_NOP_FIXED_FILE, IORING_NOP_INJECT_RESULT, IORING_NOP_TW, IORING_OP_LAST_6_18, SCRATCH_FD, SCRATCH_SIZE } from '../../spec/mainline-constants.js';
import { zeroSqe, type Sqe } from '../../spec/sqe-layout.js';
import { FD_CLOSED, type SubmitStep } from '../../spec/stateful/step.js';

const submit = (fields: Partial<Sqe>): SubmitStep => ({ kind: 'submit', sqe: { ...zeroSqe(), user_data: 0x5eedn, ...fields } });

/** A personality id: none mostly, else one a ring is likely to have handed out (ids start at 1), or never. */
const personality = fc.oneof({ weight: 24, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(4, 0xffff) });
/** A buffer slot: a low one (tables here are small), or past any table. */
const bufIndex = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(16383, 16384, 0xffff) });
/** A fixed-file slot (sqe.fd as an index): low, negative, or past any table. */
const fileIndex = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1024, 0x7fffffff) });
/** A descriptor: the scratch file, or one nobody has open. */
const directFd = fc.oneof({ weight: 12, arbitrary: fc.constant(SCRATCH_FD) }, { weight: 1, arbitrary: fc.constantFrom(FD_CLOSED, -1, 9999) });
const asyncFlag = fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(IOSQE_ASYNC) });

const nop = fc
  .record({ file: fc.boolean(), fixed: fc.constantFrom('normal', 'nop-flag', 'sqe-flag'), buffer: fc.boolean(), inject: fc.boolean(), tw: fc.boolean(), index: fileIndex, fd: directFd, buf: bufIndex, len: fc.constantFrom(0, 7, 0xfffffffb), personality, async: asyncFlag })
  .map((r) => {
    // IORING_NOP_FIXED_FILE and IOSQE_FIXED_FILE both make sqe.fd an index into the file table
    const fixedFile = r.fixed !== 'normal';
    const opFlags = (r.file ? IORING_NOP_FILE : 0) | (r.fixed === 'nop-flag' ? IORING_NOP_FIXED_FILE : 0) | (r.buffer ? IORING_NOP_FIXED_BUFFER : 0) | (r.inject ? IORING_NOP_INJECT_RESULT : 0) | (r.tw ? IORING_NOP_TW : 0);
    return submit({
      opcode: IORING_OP_NOP,
      flags: (r.fixed === 'sqe-flag' ? IOSQE_FIXED_FILE : 0) | r.async,
      fd: fixedFile ? r.index : r.fd,
      op_flags: opFlags,
      buf_index: r.buf,
      len: r.inject ? r.len : 0,
      personality: r.personality,
    });
  });

/** An address relative to canonical buffer `b`: its start mostly, inside, one byte before, or at a registered length's end. */
const addressIn = (b: number) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(canonicalBufAddr(b)) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 8192 }).map((d) => canonicalBufAddr(b) + BigInt(d)) },
    { weight: 1, arbitrary: fc.constant(canonicalBufAddr(b) - 1n) },
    { weight: 1, arbitrary: fc.constantFrom(4096n, 8192n, 65536n).map((end) => canonicalBufAddr(b) + end) },
  );

/** READ_FIXED / WRITE_FIXED on buffer slot buf_index, mostly at that slot's own canonical buffer. */
const rwFixed = fc
  .record({
    op: fc.constantFrom(IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED),
    buf: bufIndex,
    other: fc.integer({ min: 0, max: 15 }),
    own: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    delta: fc.nat(),
    len: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(0, 1, 100, 4096, 4097, 8192) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 70000 }) }),
    // the file's end (65536) and past it: a write there grows the file for the reads after it
    off: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constantFrom(SCRATCH_SIZE - 100, SCRATCH_SIZE, SCRATCH_SIZE, SCRATCH_SIZE + 4096) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: (1 << 20) - 1 }) }),
    fixed: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    index: fileIndex,
    fd: directFd,
    personality,
    async: asyncFlag,
  })
  .chain((r) =>
    addressIn(r.own ? r.buf % 16 : r.other).map((addr) =>
      submit({ opcode: r.op, flags: (r.fixed ? IOSQE_FIXED_FILE : 0) | r.async, fd: r.fixed ? r.index : r.fd, buf_index: r.buf, addr, len: r.len, off: BigInt(r.off), personality: r.personality }),
    ),
  );

/** One generic io_init_req check broken: an invalid opcode, sqe.flags bit 7, BUFFER_SELECT, ioprio on NOP. */
const genericBreak = fc.oneof(
  fc.integer({ min: IORING_OP_LAST_6_18, max: 255 }).map((opcode) => submit({ opcode })),
  fc.constantFrom(IORING_OP_NOP, IORING_OP_READ_FIXED).map((opcode) => submit({ opcode, flags: 0x80, fd: SCRATCH_FD })),
  fc.constantFrom(IORING_OP_NOP, IORING_OP_READ_FIXED, IORING_OP_WRITE_FIXED).map((opcode) => submit({ opcode, flags: IOSQE_BUFFER_SELECT, fd: SCRATCH_FD })),
  fc.integer({ min: 1, max: 0xffff }).map((ioprio) => submit({ opcode: IORING_OP_NOP, ioprio })),
  fc.integer({ min: 6, max: 31 }).map((bit) => submit({ opcode: IORING_OP_NOP, op_flags: (1 << bit) >>> 0 })),
);

/** The submit step families with their weights. */
export const SUBMIT_STEP_ARBITRARIES: readonly { readonly weight: number; readonly arbitrary: fc.Arbitrary<SubmitStep> }[] = [
  { weight: 8, arbitrary: nop },
  { weight: 16, arbitrary: rwFixed },
  { weight: 2, arbitrary: genericBreak },
];
