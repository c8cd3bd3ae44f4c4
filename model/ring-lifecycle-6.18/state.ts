/**
 * The ring state of ring-lifecycle@6.18 and what a step's entries stand for. Immutable: a step
 * builds a new state and leaves the old one as it was (StatefulModel.step never mutates).
 */
import { FD_OTHER_RING, FD_SCRATCH, FD_SELF, IOV_BAD, IOV_NULL, SEQUENCE_BUFFERS, type RegisterStep } from '../../spec/stateful/step.js';
import { SCRATCH_SIZE } from '../../spec/mainline-constants.js';
import { FILE_SLOT_EMPTY, IORING_REGISTER_FILES_SKIP, PERSONALITY_FIRST_ID } from '../../spec/ring-lifecycle-6.18/constants.js';

/** A registered buffer: canonical buffer `buffer` (0..15), iov_len bytes from its start, and its tag. */
export interface BufferSlot {
  readonly buffer: number;
  readonly len: number;
  readonly tag: number;
}

/** A registered file. Every file the spec registers is the scratch file, so only its tag is kept. */
export interface FileSlot {
  readonly tag: number;
}

/** A resource table: its size (ctx->buf_table.nr, file_table.data.nr) and its filled slots. */
export interface SlotTable<T> {
  readonly nr: number;
  readonly slots: ReadonlyMap<number, T>;
}

export interface RingLifecycleState {
  /** io_uring_params.flags of the ring (IOPOLL changes what READ/WRITE_FIXED get). */
  readonly setupFlags: number;
  /** null: no buffer table (never registered, unregistered, or its registration failed). */
  readonly buffers: SlotTable<BufferSlot> | null;
  readonly files: SlotTable<FileSlot> | null;
  /** Registered personality ids. */
  readonly personalities: ReadonlySet<number>;
  /** Where the cyclic id allocation looks first (ctx->pers_next; ids start at 1). */
  readonly nextPersonality: number;
  /** The scratch file's size: SCRATCH_SIZE when the sequence starts, grown by writes past its end. */
  readonly scratchSize: number;
}

export function initialState(setupFlags: number): RingLifecycleState {
  return { setupFlags: setupFlags >>> 0, buffers: null, files: null, personalities: new Set(), nextPersonality: PERSONALITY_FIRST_ID, scratchSize: SCRATCH_SIZE };
}

/** The table with slot i set to `v` (or emptied when v is null). */
export function withSlot<T>(table: SlotTable<T>, i: number, v: T | null): SlotTable<T> {
  const slots = new Map(table.slots);
  if (v === null) slots.delete(i);
  else slots.set(i, v);
  return { nr: table.nr, slots };
}

/** What an iovec entry is, as io_sqe_buffer_register sees it. */
export type IovecKind = { kind: 'empty' } | { kind: 'null-with-len' } | { kind: 'zero-len' } | { kind: 'unmapped' } | { kind: 'buffer'; buffer: number; len: number };

/**
 * Entry i of the step's iovec array: the given entries first, then { NULL, 0 } (docs/stateful.md).
 * The selector names canonical buffer value - 1, NULL, or the unmapped page IOV_BAD_ADDR.
 */
export function iovecAt(step: RegisterStep, i: number): IovecKind {
  const e = step.entries[i];
  const value = e ? e.value >>> 0 : IOV_NULL;
  const len = e ? e.len >>> 0 : 0;
  if (value === IOV_NULL) return len === 0 ? { kind: 'empty' } : { kind: 'null-with-len' };
  if (len === 0) return { kind: 'zero-len' };
  if (value === IOV_BAD) return { kind: 'unmapped' };
  if (value >= 1 && value <= SEQUENCE_BUFFERS) return { kind: 'buffer', buffer: value - 1, len };
  throw new Error(`iovecAt: selector ${value} is outside ring-lifecycle@6.18 (see its domain)`);
}

/** What an fd entry is, as fget and io_is_uring_fops see it. */
export type FdKind = 'empty' | 'skip' | 'file' | 'io-uring' | 'not-open';

/** Entry i of the step's fd array: the given entries first, then -1. */
export function fdAt(step: RegisterStep, i: number): FdKind {
  const e = step.entries[i];
  return fdKind(e ? e.value | 0 : FILE_SLOT_EMPTY);
}

/** An fd selector (s32) classified; everything but the scratch file and the rings is not open (domain). */
export function fdKind(fd: number): FdKind {
  if (fd === FILE_SLOT_EMPTY) return 'empty';
  if (fd === IORING_REGISTER_FILES_SKIP) return 'skip';
  if (fd === FD_SCRATCH) return 'file';
  if (fd === FD_SELF || fd === FD_OTHER_RING) return 'io-uring';
  return 'not-open';
}

/** Tag i of the step: the entry's tag when the step sets its tags pointer, else 0 (no pointer, or past the entries). */
export function tagAt(step: RegisterStep, i: number): number {
  return step.tags ? (step.entries[i]?.tag ?? 0) : 0;
}
