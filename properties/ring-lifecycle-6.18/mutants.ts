/**
 * Built-in mutants of ring-lifecycle@6.18: the reference model with one lifecycle bug each, the
 * kind an implementation of io_uring_register (a kernel backport, a userspace emulation, a binding
 * that caches tables) could have. Each wraps the model and changes only the step the bug is in, so
 * the difference from the model is exactly the bug.
 */
import { RING_LIFECYCLE_618_MODEL, type RingLifecycleState } from '../../model/ring-lifecycle-6.18.js';
import { fdAt, iovecAt, tagAt, withSlot, type BufferSlot } from '../../model/ring-lifecycle-6.18/state.js';
import type { StatefulModel } from '../../model/stateful.js';
import { IORING_OP_WRITE_FIXED } from '../../spec/constants.js';
import {
  IORING_REGISTER_BUFFERS,
  IORING_REGISTER_BUFFERS_UPDATE,
  IORING_REGISTER_FILES_UPDATE,
  IORING_REGISTER_FILES_UPDATE2,
  IORING_REGISTER_PERSONALITY,
  IORING_UNREGISTER_BUFFERS,
  PERSONALITY_FIRST_ID,
} from '../../spec/ring-lifecycle-6.18/constants.js';
import type { RegisterStep, Step } from '../../spec/stateful/step.js';
import type { StatefulMutant } from '../stateful/declaration.js';

type Result = ReturnType<StatefulModel<RingLifecycleState>['step']>;
const model = RING_LIFECYCLE_618_MODEL;

/** The model, with `patch` deciding the steps it returns a result for (null: the model's own). */
function patched(patch: (state: RingLifecycleState, step: Step) => Result | null): StatefulModel<RingLifecycleState> {
  return { initial: model.initial, step: (state, step) => patch(state, step) ?? model.step(state, step) };
}

const isRegister = (step: Step, opcode: number): step is RegisterStep => step.kind === 'register' && step.opcode === opcode;

/** BUFFERS_UPDATE without the slot range check: slots past the table's end are written nowhere (lost), the rest updated, res nr. */
const updateSkipsRangeCheck = patched((state, step) => {
  if (!isRegister(step, IORING_REGISTER_BUFFERS_UPDATE) || !state.buffers) return null;
  const nr = state.buffers.nr;
  const wide = { ...state, buffers: { nr: Math.max(nr, step.offset + step.nr), slots: state.buffers.slots } };
  const r = model.step(wide, step);
  const slots = new Map([...(r.state.buffers?.slots ?? [])].filter(([i]) => i < nr));
  return { outcome: r.outcome, state: { ...r.state, buffers: r.state.buffers && { nr, slots } } };
});

/** UNREGISTER_BUFFERS says 0 but keeps the table: lookups still find the buffers, a new registration is -EBUSY. */
const unregisterLeavesTable = patched((state, step) => {
  if (!isRegister(step, IORING_UNREGISTER_BUFFERS)) return null;
  const r = model.step(state, step);
  return r.outcome.rule === 'buffers.unregister.ok' ? { outcome: r.outcome, state } : r;
});

/** REGISTER_PERSONALITY hands out the lowest free id (xa_alloc instead of xa_alloc_cyclic): an unregistered id comes back at once. */
const personalityIdReused = patched((state, step) => (isRegister(step, IORING_REGISTER_PERSONALITY) ? model.step({ ...state, nextPersonality: PERSONALITY_FIRST_ID }, step) : null));

/** FILES_UPDATE(2) checks the new fd before it empties the slot: a bad fd leaves the old file in place. */
const filesUpdateKeepsSlot = patched((state, step) => {
  if (!(isRegister(step, IORING_REGISTER_FILES_UPDATE) || isRegister(step, IORING_REGISTER_FILES_UPDATE2)) || !state.files) return null;
  const r = model.step(state, step);
  const bad = r.outcome.rule === 'files.update.fd-not-open' || r.outcome.rule === 'files.update.fd-io-uring' || r.outcome.rule === 'files.update.partial';
  if (!bad || !r.state.files) return r;
  const done = r.outcome.rule === 'files.update.partial' ? r.outcome.res : 0;
  const kind = fdAt(step, done);
  if (kind !== 'not-open' && kind !== 'io-uring') return r; // a partial update that stopped at a tag: no slot was emptied
  const i = step.offset + done;
  return { outcome: r.outcome, state: { ...r.state, files: withSlot(r.state.files, i, state.files.slots.get(i) ?? null) } };
});

/** REGISTER_BUFFERS that fails at a slot keeps a table of the slots before it instead of none. */
const failedRegisterKeepsTable = patched((state, step) => {
  if (!isRegister(step, IORING_REGISTER_BUFFERS) || step.arg !== 'iovecs') return null;
  const r = model.step(state, step);
  const slotRule = ['buffers.register.null-with-len', 'buffers.register.zero-len', 'buffers.register.unmapped'].includes(r.outcome.rule);
  if (!slotRule) return r;
  const slots = new Map<number, BufferSlot>();
  for (let i = 0; i < step.entries.length; i++) {
    const iov = iovecAt(step, i);
    if (iov.kind !== 'buffer' && iov.kind !== 'empty') break;
    if (iov.kind === 'buffer') slots.set(i, { buffer: iov.buffer, len: iov.len, tag: tagAt(step, i) });
  }
  return { outcome: r.outcome, state: { ...r.state, buffers: { nr: step.nrArgs, slots } } };
});

/** WRITE_FIXED past the end of the file does not grow it: later reads there see the old size. */
const writeDoesNotGrowFile = patched((state, step) => {
  if (step.kind !== 'submit' || step.sqe.opcode !== IORING_OP_WRITE_FIXED) return null;
  const r = model.step(state, step);
  return { outcome: r.outcome, state: { ...r.state, scratchSize: state.scratchSize } };
});

/** BUFFERS_UPDATE with { NULL, 0 } leaves the old buffer in its slot instead of emptying it. */
const updateEmptyKeepsBuffer = patched((state, step) => {
  if (!isRegister(step, IORING_REGISTER_BUFFERS_UPDATE) || !state.buffers) return null;
  const r = model.step(state, step);
  if (!r.state.buffers || r.state.buffers === state.buffers) return r;
  let table = r.state.buffers;
  const done = r.outcome.res > 0 ? r.outcome.res : 0;
  for (let k = 0; k < done; k++) {
    const i = step.offset + k;
    const old = state.buffers.slots.get(i);
    if (iovecAt(step, k).kind === 'empty' && old) table = withSlot(table, i, old);
  }
  return { outcome: r.outcome, state: { ...r.state, buffers: table } };
});

export const RING_LIFECYCLE_618_MUTANTS: readonly StatefulMutant<RingLifecycleState>[] = [
  { name: 'update-skips-range-check', description: 'REGISTER_BUFFERS_UPDATE does not check offset + nr against the table size: it succeeds, and slots past the end are lost', model: updateSkipsRangeCheck },
  { name: 'unregister-leaves-table', description: 'UNREGISTER_BUFFERS returns 0 but leaves the table registered and usable', model: unregisterLeavesTable },
  { name: 'personality-id-reused', description: 'REGISTER_PERSONALITY hands out the lowest free id, so an unregistered id is reused at once instead of after the ids wrap', model: personalityIdReused },
  { name: 'files-update-bad-fd-keeps-slot', description: 'FILES_UPDATE checks a new fd before emptying its slot, so a failing fd leaves the old file registered', model: filesUpdateKeepsSlot },
  { name: 'failed-register-keeps-table', description: 'REGISTER_BUFFERS that fails at a slot keeps a table with the slots before it instead of none', model: failedRegisterKeepsTable },
  { name: 'write-does-not-grow-file', description: 'a WRITE_FIXED past the end of the scratch file does not grow it for later reads', model: writeDoesNotGrowFile },
  { name: 'update-empty-keeps-buffer', description: 'REGISTER_BUFFERS_UPDATE with an empty iovec leaves the old buffer in the slot instead of removing it', model: updateEmptyKeepsBuffer },
];
