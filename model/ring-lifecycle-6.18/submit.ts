/**
 * Submit steps of ring-lifecycle@6.18: the 6.18 generic io_init_req layer (model/generic-layer.ts),
 * then NOP (io_nop_prep, io_nop) or READ_FIXED / WRITE_FIXED at issue (file, buffer, range,
 * io_rw_init_file, transfer), looking files, buffers and personalities up in the ring state.
 */
import { canonicalBufAddr, IORING_OP_NOP, IORING_OP_READ_FIXED, IORING_SETUP_IOPOLL, IOSQE_FIXED_FILE } from '../../spec/constants.js';
import type { RingContext } from '../../spec/context.js';
import { RW_OP_DEFS } from '../../spec/fixed-buf-6.15/rules.js';
import { GENERIC_6_18 } from '../../spec/generic-layer.js';
import { IORING_NOP_FILE, IORING_NOP_FIXED_BUFFER, IORING_NOP_FIXED_FILE, IORING_NOP_INJECT_RESULT, NOP_FLAGS_6_18, SCRATCH_FD } from '../../spec/mainline-constants.js';
import { NOP_OP_DEF } from '../../spec/nop-6.18/rules.js';
import { RING_LIFECYCLE_6_18, type RingLifecycle618RuleId } from '../../spec/ring-lifecycle-6.18/rules.js';
import type { Sqe } from '../../spec/sqe-layout.js';
import { isFixedOp } from '../fixed-buf.js';
import { genericCheck } from '../generic-layer.js';
import type { ModelOutcome } from '../outcome.js';
import { verdict } from '../verdict.js';
import type { BufferSlot, RingLifecycleState } from './state.js';

/**
 * The ring context the generic layer reads, for this SQE: its personality check asks whether
 * sqe.personality is registered; the single-SQE context says "ids 1..n", so n is the SQE's own id
 * when the ring has it and 0 when not.
 */
function genericContext(state: RingLifecycleState, sqe: Sqe): RingContext {
  const personalities = state.personalities.has(sqe.personality) ? sqe.personality : 0;
  return { setupFlags: state.setupFlags, nrBufs: 0, bufSize: 4096, ops: [], personalities };
}

/** io_file_get_fixed: slot sqe.fd (as an unsigned index) of the file table, or why there is none. */
function fixedFileRule(state: RingLifecycleState, fd: number): RingLifecycle618RuleId | null {
  if (!state.files) return 'file.fixed.no-table';
  const index = fd >>> 0;
  if (index >= state.files.nr) return 'file.fixed.index-out-of-range';
  return state.files.slots.has(index) ? null : 'file.fixed.empty-slot';
}

/** The file an SQE names: a fixed-table slot, or a descriptor (only the scratch file is open). */
function fileRule(state: RingLifecycleState, fd: number, fixed: boolean): RingLifecycle618RuleId | null {
  if (fixed) return fixedFileRule(state, fd);
  return fd === SCRATCH_FD ? null : 'file.not-open';
}

/** io_find_buf_node: slot buf_index of the buffer table. */
function bufferLookup(state: RingLifecycleState, bufIndex: number): { rule: RingLifecycle618RuleId } | { slot: BufferSlot } {
  if (!state.buffers) return { rule: 'buffer.fixed.no-table' };
  if (bufIndex >= state.buffers.nr) return { rule: 'buffer.fixed.index-out-of-range' };
  const slot = state.buffers.slots.get(bufIndex);
  return slot ? { slot } : { rule: 'buffer.fixed.empty-slot' };
}

/** validate_fixed_range: [addr, addr + len) inside the slot's buffer (exact integers: no overflow to check apart). */
function insideBuffer(slot: BufferSlot, addr: bigint, len: number): boolean {
  const start = canonicalBufAddr(slot.buffer);
  return addr >= start && addr + BigInt(len) <= start + BigInt(slot.len);
}

const outcome = (rule: RingLifecycle618RuleId, sqe: Sqe, res = 0): ModelOutcome => verdict(RING_LIFECYCLE_6_18, rule, sqe, res);

function nop(state: RingLifecycleState, sqe: Sqe): ModelOutcome {
  const f = sqe.op_flags >>> 0;
  if (f & ~NOP_FLAGS_6_18) return outcome('nop.flags.undefined', sqe);
  // io_nop: the file (IORING_NOP_FIXED_FILE and IOSQE_FIXED_FILE both set REQ_F_FIXED_FILE), then the buffer
  if (f & IORING_NOP_FILE) {
    const bad = fileRule(state, sqe.fd, (f & IORING_NOP_FIXED_FILE) !== 0 || (sqe.flags & IOSQE_FIXED_FILE) !== 0);
    if (bad) return outcome(bad, sqe);
  }
  if (f & IORING_NOP_FIXED_BUFFER) {
    const b = bufferLookup(state, sqe.buf_index);
    if ('rule' in b) return outcome(b.rule, sqe);
  }
  if (f & IORING_NOP_INJECT_RESULT) return outcome('nop.inject-result', sqe, sqe.len | 0);
  return outcome('nop.complete', sqe);
}

/** READ_FIXED / WRITE_FIXED: the outcome and the scratch file's size after it. */
function rwFixed(state: RingLifecycleState, sqe: Sqe): { outcome: ModelOutcome; scratchSize: number } {
  const size = state.scratchSize;
  const bad = fileRule(state, sqe.fd, (sqe.flags & IOSQE_FIXED_FILE) !== 0);
  if (bad) return { outcome: outcome(bad, sqe), scratchSize: size };
  const b = bufferLookup(state, sqe.buf_index);
  if ('rule' in b) return { outcome: outcome(b.rule, sqe), scratchSize: size };
  if (!insideBuffer(b.slot, sqe.addr, sqe.len)) return { outcome: outcome('buffer.fixed.outside', sqe), scratchSize: size };
  if (state.setupFlags & IORING_SETUP_IOPOLL) return { outcome: outcome('rw.iopoll.buffered-file', sqe), scratchSize: size };
  const off = Number(sqe.off); // below 1 MiB (domain)
  if (sqe.opcode === IORING_OP_READ_FIXED) return { outcome: outcome('rw.read-fixed.ok', sqe, Math.max(0, Math.min(sqe.len, size - off))), scratchSize: size };
  const end = off + sqe.len;
  return { outcome: outcome('rw.write-fixed.ok', sqe, sqe.len), scratchSize: sqe.len > 0 && end > size ? end : size };
}

/** One submit step on the state (only the scratch file's size can change). Throws for an opcode outside the spec. */
export function submitStep(state: RingLifecycleState, sqe: Sqe): { outcome: ModelOutcome; state: RingLifecycleState } {
  const generic = genericCheck(GENERIC_6_18, sqe, genericContext(state, sqe), (op) => {
    if (op === IORING_OP_NOP) return NOP_OP_DEF;
    const def = isFixedOp(op) ? RW_OP_DEFS[op] : undefined;
    if (!def) throw new Error(`submitStep: opcode ${op} is outside ring-lifecycle@6.18 (see its domain)`);
    return def;
  });
  if (generic) return { outcome: verdict(RING_LIFECYCLE_6_18, generic as RingLifecycle618RuleId, sqe), state };
  if (sqe.opcode === IORING_OP_NOP) return { outcome: nop(state, sqe), state };
  const r = rwFixed(state, sqe);
  return { outcome: r.outcome, state: r.scratchSize === state.scratchSize ? state : { ...state, scratchSize: r.scratchSize } };
}
