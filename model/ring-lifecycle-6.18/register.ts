/**
 * io_uring_register steps of ring-lifecycle@6.18, in the kernel's order (register.c
 * __io_uring_register, then rsrc.c): each returns the rule that decided, the result and the state
 * the call left. The first failing check decides; table checks run slot by slot.
 */
import { IORING_MAX_REG_BUFFERS } from '../../spec/constants.js';
import type { RegisterStep } from '../../spec/stateful/step.js';
import {
  IORING_MAX_FIXED_FILES,
  IORING_REGISTER_BUFFERS,
  IORING_REGISTER_BUFFERS2,
  IORING_REGISTER_BUFFERS_UPDATE,
  IORING_REGISTER_FILES,
  IORING_REGISTER_FILES2,
  IORING_REGISTER_FILES_UPDATE,
  IORING_REGISTER_FILES_UPDATE2,
  IORING_REGISTER_PERSONALITY,
  IORING_RSRC_REGISTER_SPARSE,
  IORING_UNREGISTER_BUFFERS,
  IORING_UNREGISTER_FILES,
  IORING_UNREGISTER_PERSONALITY,
  PERSONALITY_FIRST_ID,
  PERSONALITY_MAX_ID,
  RSRC_REGISTER_SIZE,
  RSRC_UPDATE2_SIZE,
} from '../../spec/ring-lifecycle-6.18/constants.js';
import type { RingLifecycle618RuleId } from '../../spec/ring-lifecycle-6.18/rules.js';
import { fdAt, iovecAt, tagAt, withSlot, type BufferSlot, type FileSlot, type RingLifecycleState, type SlotTable } from './state.js';

/** What a register step did: the deciding rule, res when the rule is a success (else its -errno), the new state. */
export interface RegisterResult {
  readonly rule: RingLifecycle618RuleId;
  /** The success value (0, a count, a personality id); ignored for an error rule. */
  readonly res: number;
  readonly state: RingLifecycleState;
}

const fail = (rule: RingLifecycle618RuleId, state: RingLifecycleState): RegisterResult => ({ rule, res: 0, state });

/** Whether the step's data pointer is set: an array backs the struct only when the step has entries. */
const hasData = (step: RegisterStep): boolean => step.entries.length > 0;

/** The iovec of a buffer slot-to-be as a per-slot rule, or the slot (null: emptied). */
type SlotVerdict<T> = { rule: RingLifecycle618RuleId } | { slot: T | null };

/** io_sqe_buffer_register of iovec i, then the tag check of the caller (tags only on buffers). */
function bufferSlot(step: RegisterStep, i: number, rules: BufferSlotRules): SlotVerdict<BufferSlot> {
  const iov = iovecAt(step, i);
  const tag = tagAt(step, i);
  switch (iov.kind) {
    case 'null-with-len':
      return { rule: rules.nullWithLen };
    case 'zero-len':
      return { rule: rules.zeroLen };
    case 'unmapped':
      return { rule: rules.unmapped };
    case 'empty':
      return tag ? { rule: rules.tagWithoutBuffer } : { slot: null };
    case 'buffer':
      return { slot: { buffer: iov.buffer, len: iov.len, tag } };
  }
}

interface BufferSlotRules {
  nullWithLen: RingLifecycle618RuleId;
  zeroLen: RingLifecycle618RuleId;
  unmapped: RingLifecycle618RuleId;
  tagWithoutBuffer: RingLifecycle618RuleId;
}

const REGISTER_SLOT_RULES: BufferSlotRules = {
  nullWithLen: 'buffers.register.null-with-len',
  zeroLen: 'buffers.register.zero-len',
  unmapped: 'buffers.register.unmapped',
  tagWithoutBuffer: 'buffers.register.tag-without-buffer',
};
const UPDATE_SLOT_RULES: BufferSlotRules = {
  nullWithLen: 'buffers.update.null-with-len',
  zeroLen: 'buffers.update.zero-len',
  unmapped: 'buffers.update.unmapped',
  tagWithoutBuffer: 'buffers.update.tag-without-buffer',
};

/**
 * io_sqe_buffers_register: nr slots from the step's iovecs (none: every slot empty). Any failing
 * slot fails the whole registration, which leaves no table.
 */
function buffersRegister(state: RingLifecycleState, step: RegisterStep, nr: number, withIovecs: boolean): RegisterResult {
  if (state.buffers) return fail('buffers.register.busy', state);
  if (nr === 0 || nr > IORING_MAX_REG_BUFFERS) return fail('buffers.register.nr-invalid', state);
  const slots = new Map<number, BufferSlot>();
  // past the step's entries every iovec is { NULL, 0 } with tag 0: an empty slot, no check fails
  for (let i = 0; withIovecs && i < Math.min(nr, step.entries.length); i++) {
    const v = bufferSlot(step, i, REGISTER_SLOT_RULES);
    if ('rule' in v) return fail(v.rule, state);
    if (v.slot) slots.set(i, v.slot);
  }
  return { rule: 'buffers.register.ok', res: 0, state: { ...state, buffers: { nr, slots } } };
}

/** io_sqe_files_register: nr slots from the step's fds (none: every slot empty). A failing slot leaves no table. */
function filesRegister(state: RingLifecycleState, step: RegisterStep, nr: number, withFds: boolean): RegisterResult {
  if (state.files) return fail('files.register.busy', state);
  if (nr === 0) return fail('files.register.nr-zero', state);
  if (nr > IORING_MAX_FIXED_FILES) return fail('files.register.too-many', state);
  const slots = new Map<number, FileSlot>();
  for (let i = 0; i < Math.min(nr, step.entries.length); i++) {
    const tag = tagAt(step, i);
    const fd = withFds ? fdAt(step, i) : 'empty';
    if (fd === 'empty') {
      if (tag) return fail('files.register.tag-without-file', state);
      continue;
    }
    // -2 means "skip" to an update only: here fget(-2) fails like any closed descriptor
    if (fd === 'not-open' || fd === 'skip') return fail('files.register.fd-not-open', state);
    if (fd === 'io-uring') return fail('files.register.fd-io-uring', state);
    slots.set(i, { tag });
  }
  return { rule: 'files.register.ok', res: 0, state: { ...state, files: { nr, slots } } };
}

/** io_register_rsrc: the struct io_uring_rsrc_register checks shared by FILES2 and BUFFERS2. */
function rsrcRegisterCheck(step: RegisterStep): RingLifecycle618RuleId | null {
  if (step.nrArgs !== RSRC_REGISTER_SIZE) return 'rsrc-register.size';
  if (step.arg === 'none') return 'rsrc-register.fault';
  if (step.nr === 0) return 'rsrc-register.nr-zero';
  if (step.resv2 !== 0) return 'rsrc-register.resv2';
  if (step.flags & ~IORING_RSRC_REGISTER_SPARSE) return 'rsrc-register.flags';
  if (step.flags & IORING_RSRC_REGISTER_SPARSE && hasData(step)) return 'rsrc-register.sparse-with-data';
  return null;
}

/** An update request after its struct was read: where, how many, and whether data is set. */
interface Update {
  offset: number;
  nr: number;
}

/**
 * io_register_files_update (FILES_UPDATE, struct io_uring_rsrc_update, nr = nr_args) and
 * io_register_rsrc_update (FILES_UPDATE2 / BUFFERS_UPDATE, struct io_uring_rsrc_update2), then
 * __io_register_rsrc_update's overflow check. Returns the failing rule, or the update.
 */
function updateCheck(step: RegisterStep): { rule: RingLifecycle618RuleId } | Update {
  if (step.opcode === IORING_REGISTER_FILES_UPDATE) {
    if (step.nrArgs === 0) return { rule: 'rsrc-update.nr-args-zero' };
    if (step.arg === 'none') return { rule: 'rsrc-update.fault' };
    if (step.resv !== 0) return { rule: 'rsrc-update.resv' };
  } else {
    if (step.nrArgs !== RSRC_UPDATE2_SIZE) return { rule: 'rsrc-update.size' };
    if (step.arg === 'none') return { rule: 'rsrc-update.fault' };
    if (step.nr === 0) return { rule: 'rsrc-update.nr-zero' };
    if (step.resv !== 0 || step.resv2 !== 0) return { rule: 'rsrc-update.resv' };
  }
  const nr = step.opcode === IORING_REGISTER_FILES_UPDATE ? step.nrArgs : step.nr;
  if (step.offset + nr > 0xffffffff) return { rule: 'rsrc-update.overflow' };
  return { offset: step.offset, nr };
}

/** The result of a slot-by-slot update: done ? done : err (rsrc.c). */
function updateResult(done: number, nr: number, err: RingLifecycle618RuleId | null, partial: RingLifecycle618RuleId, ok: RingLifecycle618RuleId): { rule: RingLifecycle618RuleId; res: number } {
  if (err === null) return { rule: ok, res: nr };
  return done > 0 ? { rule: partial, res: done } : { rule: err, res: 0 };
}

/** __io_sqe_buffers_update: slot offset + i gets iovec i until one fails; slots done keep their new buffers. */
function buffersUpdate(state: RingLifecycleState, step: RegisterStep, up: Update): RegisterResult {
  if (!state.buffers) return fail('buffers.update.no-table', state);
  if (up.offset + up.nr > state.buffers.nr) return fail('buffers.update.out-of-range', state);
  let table: SlotTable<BufferSlot> = state.buffers;
  let err: RingLifecycle618RuleId | null = null;
  let done = 0;
  for (; done < up.nr; done++) {
    if (!hasData(step)) {
      err = 'buffers.update.data-fault';
      break;
    }
    const v = bufferSlot(step, done, UPDATE_SLOT_RULES);
    if ('rule' in v) {
      err = v.rule;
      break;
    }
    table = withSlot(table, up.offset + done, v.slot);
  }
  const r = updateResult(done, up.nr, err, 'buffers.update.partial', 'buffers.update.ok');
  return { ...r, state: { ...state, buffers: table } };
}

/**
 * __io_sqe_files_update: fd -2 skips its slot, anything else first empties it (io_reset_rsrc_node),
 * then -1 leaves it empty and an open file fills it; an fd that is not open, or is an io_uring,
 * fails after its slot was emptied.
 */
function filesUpdate(state: RingLifecycleState, step: RegisterStep, up: Update): RegisterResult {
  if (!state.files) return fail('files.update.no-table', state);
  if (up.offset + up.nr > state.files.nr) return fail('files.update.out-of-range', state);
  let table: SlotTable<FileSlot> = state.files;
  let err: RingLifecycle618RuleId | null = null;
  let done = 0;
  for (; done < up.nr; done++) {
    if (!hasData(step)) {
      err = 'files.update.data-fault';
      break;
    }
    const fd = fdAt(step, done);
    const tag = tagAt(step, done);
    if ((fd === 'skip' || fd === 'empty') && tag) {
      err = 'files.update.tag-without-file';
      break;
    }
    if (fd === 'skip') continue;
    const i = up.offset + done;
    table = withSlot(table, i, null);
    if (fd === 'empty') continue;
    if (fd === 'not-open') {
      err = 'files.update.fd-not-open';
      break;
    }
    if (fd === 'io-uring') {
      err = 'files.update.fd-io-uring';
      break;
    }
    table = withSlot(table, i, { tag });
  }
  const r = updateResult(done, up.nr, err, 'files.update.partial', 'files.update.ok');
  return { ...r, state: { ...state, files: table } };
}

/** xa_alloc_cyclic over [1, 65535] from ctx->pers_next: the first free id at or after it, else from 1. */
export function nextPersonalityId(state: RingLifecycleState): number | null {
  for (let n = 0; n < PERSONALITY_MAX_ID; n++) {
    const id = ((state.nextPersonality - PERSONALITY_FIRST_ID + n) % PERSONALITY_MAX_ID) + PERSONALITY_FIRST_ID;
    if (!state.personalities.has(id)) return id;
  }
  return null;
}

function registerPersonality(state: RingLifecycleState, step: RegisterStep): RegisterResult {
  if (step.arg !== 'none' || step.nrArgs !== 0) return fail('personality.register.args', state);
  const id = nextPersonalityId(state);
  // 65535 registrations take more steps than a sequence has (MAX_SEQUENCE_STEPS): -EBUSY is never reached
  if (id === null) throw new Error('registerPersonality: every personality id is taken, which no sequence of at most 64 steps can do');
  const personalities = new Set(state.personalities).add(id);
  const next = id === PERSONALITY_MAX_ID ? PERSONALITY_FIRST_ID : id + 1;
  return { rule: 'personality.register.ok', res: id, state: { ...state, personalities, nextPersonality: next } };
}

function unregisterPersonality(state: RingLifecycleState, step: RegisterStep): RegisterResult {
  if (step.arg !== 'none') return fail('personality.unregister.arg', state);
  if (!state.personalities.has(step.nrArgs)) return fail('personality.unregister.unknown', state);
  const personalities = new Set(state.personalities);
  personalities.delete(step.nrArgs);
  return { rule: 'personality.unregister.ok', res: 0, state: { ...state, personalities } };
}

/** UNREGISTER_BUFFERS / UNREGISTER_FILES: no argument, then a table to drop. */
function unregister(state: RingLifecycleState, step: RegisterStep, what: 'buffers' | 'files'): RegisterResult {
  if (step.arg !== 'none' || step.nrArgs !== 0) return fail(`${what}.unregister.args`, state);
  if (!state[what]) return fail(`${what}.unregister.no-table`, state);
  return { rule: `${what}.unregister.ok`, res: 0, state: { ...state, [what]: null } };
}

/** One register step on the state. Throws for an opcode outside the spec (see the domain). */
export function registerStep(state: RingLifecycleState, step: RegisterStep): RegisterResult {
  switch (step.opcode) {
    case IORING_REGISTER_BUFFERS:
      if (step.arg === 'none') return fail('buffers.register.null-arg', state);
      return buffersRegister(state, step, step.nrArgs, true);
    case IORING_REGISTER_BUFFERS2: {
      const bad = rsrcRegisterCheck(step);
      return bad ? fail(bad, state) : buffersRegister(state, step, step.nr, hasData(step));
    }
    case IORING_UNREGISTER_BUFFERS:
      return unregister(state, step, 'buffers');
    case IORING_REGISTER_FILES:
      if (step.arg === 'none') return fail('files.register.null-arg', state);
      return filesRegister(state, step, step.nrArgs, true);
    case IORING_REGISTER_FILES2: {
      const bad = rsrcRegisterCheck(step);
      return bad ? fail(bad, state) : filesRegister(state, step, step.nr, hasData(step));
    }
    case IORING_UNREGISTER_FILES:
      return unregister(state, step, 'files');
    case IORING_REGISTER_FILES_UPDATE:
    case IORING_REGISTER_FILES_UPDATE2:
    case IORING_REGISTER_BUFFERS_UPDATE: {
      const up = updateCheck(step);
      if ('rule' in up) return fail(up.rule, state);
      return step.opcode === IORING_REGISTER_BUFFERS_UPDATE ? buffersUpdate(state, step, up) : filesUpdate(state, step, up);
    }
    case IORING_REGISTER_PERSONALITY:
      return registerPersonality(state, step);
    case IORING_UNREGISTER_PERSONALITY:
      return unregisterPersonality(state, step);
    default:
      throw new Error(`registerStep: register opcode ${step.opcode} is outside ring-lifecycle@6.18 (see its domain)`);
  }
}
