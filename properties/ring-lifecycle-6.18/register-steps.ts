/**
 * Register steps of ring-lifecycle@6.18, drawn without knowing the ring state (fc.commands draws
 * them; the model decides each result from the state). Every call comes in two families: a valid
 * one, drawn often and built so that later steps find what it registered (slot i holds canonical
 * buffer i, files are the scratch file), and a broken one, drawn less often, that breaks one check
 * at its boundary: nr 0 / 16384 / 16385, the table's end, offsets that overflow, a bad entry first
 * or after good ones, a tag on an empty slot, a struct field the kernel wants 0.
 */
import fc from 'fast-check';
import { IORING_MAX_REG_BUFFERS, MAX_BUF_SIZE } from '../../spec/constants.js';
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
  RSRC_REGISTER_SIZE,
  RSRC_UPDATE2_SIZE,
} from '../../spec/ring-lifecycle-6.18/constants.js';
import { FD_CLOSED, FD_OTHER_RING, FD_SCRATCH, FD_SELF, IOV_BAD, IOV_NULL, type RegisterStep, type StepEntry } from '../../spec/stateful/step.js';

/** A register step with every field at its neutral value. */
export function registerStep(opcode: number, fields: Partial<RegisterStep> = {}): RegisterStep {
  return { kind: 'register', opcode, nrArgs: 0, arg: 'none', offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [], ...fields };
}

type Weighted<T> = { readonly weight: number; readonly arbitrary: fc.Arbitrary<T> };

/** Buffer lengths that hold a page-sized read (the submissions' usual length), and one stride. */
const bufLen = fc.constantFrom(4096, 8192, 65536, MAX_BUF_SIZE);
const tagValue = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 0x5eed, 2 ** 52) });
const count = fc.integer({ min: 1, max: 4 });
const emptyIovec: StepEntry = { value: IOV_NULL, len: 0, tag: 0 };

/** Canonical buffer first + i in entry i, so after a registration slot i holds buffer i. */
const goodIovecs = (n: number, first = 0) =>
  fc.array(fc.record({ len: bufLen, tag: tagValue }), { minLength: n, maxLength: n }).map((xs) => xs.map((x, i): StepEntry => ({ value: 1 + ((first + i) % 16), len: x.len, tag: x.tag })));

/** n good entries with one bad entry at a drawn place (the first: the call fails; a later one: a partial update). */
const withBadEntry = (good: fc.Arbitrary<StepEntry[]>, bad: fc.Arbitrary<StepEntry>) =>
  fc.record({ e: good, bad, at: fc.nat(1) }).map(({ e, bad: b, at }) => e.map((x, i) => (i === Math.min(at, e.length - 1) ? b : x)));

const goodIovecEntries = count.chain((n) => goodIovecs(n));

/** REGISTER_BUFFERS of canonical buffers 0..n-1, sometimes with empty slots after them. */
const registerBuffers = fc.record({ e: goodIovecEntries, extra: fc.constantFrom(0, 0, 1, 2) }).map(({ e, extra }) => registerStep(IORING_REGISTER_BUFFERS, { arg: 'iovecs', nrArgs: e.length + extra, entries: e }));

/** BUFFERS2 of canonical buffers with their tags, or a sparse table (no data: any size up to the limit). */
const registerBuffers2 = fc.oneof(
  fc.record({ e: goodIovecEntries, tags: fc.boolean() }).map(({ e, tags }) => registerStep(IORING_REGISTER_BUFFERS2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr: e.length, tags, entries: e })),
  fc.oneof(count, fc.constantFrom(IORING_MAX_REG_BUFFERS)).map((nr) => registerStep(IORING_REGISTER_BUFFERS2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr, flags: IORING_RSRC_REGISTER_SPARSE })),
);

/** The checks of struct io_uring_rsrc_register, one broken at a time. */
const rsrcRegisterBreaks: readonly Partial<RegisterStep>[] = [{ nrArgs: 16 }, { arg: 'none', nrArgs: RSRC_REGISTER_SIZE, entries: [], nr: 0, tags: false }, { nr: 0 }, { resv2: 1 }, { flags: 2 }, { flags: 0x80000000 }, { flags: IORING_RSRC_REGISTER_SPARSE }];

const rsrcRegister = (opcode: number, e: StepEntry[], fields: Partial<RegisterStep> = {}) => registerStep(opcode, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr: e.length, entries: e, ...fields });
const entry = (value: number, len: number, tag = 0): StepEntry => ({ value, len, tag });

/**
 * Buffer registrations that fail, one way each, equally often: a bad slot (zero-len, NULL with a
 * length, unmapped; first or after a good one), a tag on an empty slot, a size edge, arg NULL, and
 * each check of struct io_uring_rsrc_register.
 */
const brokenBufferRegistration = fc.oneof(
  withBadEntry(goodIovecEntries, fc.constant(entry(1, 0))).map((e) => registerStep(IORING_REGISTER_BUFFERS, { arg: 'iovecs', nrArgs: e.length, entries: e })),
  withBadEntry(goodIovecEntries, fc.constant(entry(IOV_NULL, 4096))).map((e) => rsrcRegister(IORING_REGISTER_BUFFERS2, e)),
  withBadEntry(goodIovecEntries, fc.constant(entry(IOV_BAD, 4096))).map((e) => registerStep(IORING_REGISTER_BUFFERS, { arg: 'iovecs', nrArgs: e.length, entries: e })),
  withBadEntry(goodIovecEntries, fc.constant(entry(IOV_NULL, 0, 7))).map((e) => rsrcRegister(IORING_REGISTER_BUFFERS2, e, { tags: true })),
  fc.record({ e: goodIovecEntries, nrArgs: fc.constantFrom(0, IORING_MAX_REG_BUFFERS + 1, 0xffffffff) }).map(({ e, nrArgs }) => registerStep(IORING_REGISTER_BUFFERS, { arg: 'iovecs', nrArgs, entries: e })),
  fc.constant(registerStep(IORING_REGISTER_BUFFERS, { nrArgs: 1 })),
  fc.constant(registerStep(IORING_REGISTER_BUFFERS2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr: IORING_MAX_REG_BUFFERS + 1, flags: IORING_RSRC_REGISTER_SPARSE })),
  ...rsrcRegisterBreaks.map((brk) => goodIovecEntries.map((e) => rsrcRegister(IORING_REGISTER_BUFFERS2, e, brk))),
);

/** Update offsets: the start of a small table mostly. */
const offset = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) });

/** BUFFERS_UPDATE of slots offset.. with their own canonical buffers or emptied, tags or not. */
const updateBuffers = fc
  .record({ offset, n: fc.integer({ min: 1, max: 2 }), empty: fc.constantFrom(-1, -1, 0, 1), tags: fc.boolean() })
  .chain(({ offset: off, n, empty, tags }) =>
    goodIovecs(n, off).map((e) => registerStep(IORING_REGISTER_BUFFERS_UPDATE, { arg: 'rsrc_update2', nrArgs: RSRC_UPDATE2_SIZE, offset: off, nr: n, tags, entries: e.map((x, i) => (i === empty ? emptyIovec : x)) })),
  );

/** The checks of struct io_uring_rsrc_update2 and __io_register_rsrc_update, one broken at a time. */
const update2Breaks: readonly Partial<RegisterStep>[] = [{ nrArgs: 16 }, { nr: 0 }, { resv: 1 }, { resv2: 1 }, { entries: [] }, { offset: 0xffffffff }, { offset: 1024 }];

const update2 = (opcode: number, offsetValue: number, e: StepEntry[], fields: Partial<RegisterStep> = {}) =>
  registerStep(opcode, { arg: 'rsrc_update2', nrArgs: RSRC_UPDATE2_SIZE, offset: offsetValue, nr: e.length, entries: e, ...fields });

/**
 * Buffer updates that fail or stop part way, one way each, equally often: a bad entry (first: the
 * call fails; second: a partial update), a tag on an emptied slot, data NULL, each check of struct
 * io_uring_rsrc_update2, the overflow and range checks, arg NULL.
 */
const brokenBufferUpdate = fc.oneof(
  ...[entry(1, 0), entry(IOV_NULL, 4096), entry(IOV_BAD, 4096), entry(IOV_NULL, 0, 7)].map((bad) =>
    fc.record({ offset, e: withBadEntry(fc.integer({ min: 1, max: 2 }).chain((n) => goodIovecs(n)), fc.constant(bad)) }).map(({ offset: off, e }) => update2(IORING_REGISTER_BUFFERS_UPDATE, off, e, { tags: true })),
  ),
  ...update2Breaks.map((brk) => updateBuffers.map((u) => ({ ...u, ...brk }))),
  fc.constant(registerStep(IORING_REGISTER_BUFFERS_UPDATE, { nrArgs: RSRC_UPDATE2_SIZE })),
);

/** fd entries: the scratch file, now and then an empty slot. */
const goodFds = count.chain((n) => fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(FD_SCRATCH) }, { weight: 1, arbitrary: fc.constant(-1) }), { minLength: n, maxLength: n }));
const withTags = (fds: fc.Arbitrary<number[]>) => fc.record({ fds, tags: fc.array(tagValue, { minLength: 4, maxLength: 4 }) }).map(({ fds: f, tags }) => f.map((value, i): StepEntry => ({ value, len: 0, tag: value === FD_SCRATCH ? tags[i]! : 0 })));
const registerFiles = fc.oneof(
  { weight: 3, arbitrary: fc.record({ fds: goodFds, extra: fc.constantFrom(0, 0, 1) }).map(({ fds, extra }) => registerStep(IORING_REGISTER_FILES, { arg: 'fds', nrArgs: fds.length + extra, entries: fds.map((value) => ({ value, len: 0, tag: 0 })) })) },
  { weight: 1, arbitrary: fc.record({ e: withTags(goodFds), tags: fc.boolean() }).map(({ e, tags }) => registerStep(IORING_REGISTER_FILES2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr: e.length, tags, entries: e })) },
  { weight: 1, arbitrary: fc.oneof(count, fc.constantFrom(1024)).map((nr) => registerStep(IORING_REGISTER_FILES2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr, flags: IORING_RSRC_REGISTER_SPARSE })) },
);

/** File registrations that fail, one way each, equally often: a bad fd or a tag on an empty slot (first or later), a size edge, arg NULL, a struct check. */
const brokenFileRegistration = fc.oneof(
  withBadEntry(withTags(goodFds), fc.constantFrom(entry(FD_CLOSED, 0), entry(-2, 0))).map((e) => registerStep(IORING_REGISTER_FILES, { arg: 'fds', nrArgs: e.length, entries: e.map((x) => ({ ...x, tag: 0 })) })),
  withBadEntry(withTags(goodFds), fc.constantFrom(entry(FD_SELF, 0), entry(FD_OTHER_RING, 0))).map((e) => rsrcRegister(IORING_REGISTER_FILES2, e, { tags: true })),
  withBadEntry(withTags(goodFds), fc.constant(entry(-1, 0, 4))).map((e) => rsrcRegister(IORING_REGISTER_FILES2, e, { tags: true })),
  fc.record({ fds: goodFds, nrArgs: fc.constantFrom(0, IORING_MAX_FIXED_FILES + 1) }).map(({ fds, nrArgs }) => registerStep(IORING_REGISTER_FILES, { arg: 'fds', nrArgs, entries: fds.map((value) => entry(value, 0)) })),
  fc.constant(registerStep(IORING_REGISTER_FILES, { nrArgs: 1 })),
  fc.record({ e: withTags(goodFds), brk: fc.constantFrom(...rsrcRegisterBreaks) }).map(({ e, brk }) => rsrcRegister(IORING_REGISTER_FILES2, e, brk)),
  fc.constant(registerStep(IORING_REGISTER_FILES2, { arg: 'rsrc_register', nrArgs: RSRC_REGISTER_SIZE, nr: IORING_MAX_FIXED_FILES + 1, flags: IORING_RSRC_REGISTER_SPARSE })),
);

/** fds of an update: the scratch file, -1 (empty the slot), -2 (skip it). */
const updateFds = fc.integer({ min: 1, max: 2 }).chain((n) => fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(FD_SCRATCH) }, { weight: 1, arbitrary: fc.constantFrom(-1, -2) }), { minLength: n, maxLength: n }));

const updateFiles = fc.oneof(
  fc.record({ offset, fds: updateFds }).map(({ offset: off, fds }) => registerStep(IORING_REGISTER_FILES_UPDATE, { arg: 'rsrc_update', nrArgs: fds.length, offset: off, entries: fds.map((value) => ({ value, len: 0, tag: 0 })) })),
  fc.record({ offset, e: withTags(updateFds), tags: fc.boolean() }).map(({ offset: off, e, tags }) => registerStep(IORING_REGISTER_FILES_UPDATE2, { arg: 'rsrc_update2', nrArgs: RSRC_UPDATE2_SIZE, offset: off, nr: e.length, tags, entries: e })),
);

/**
 * File updates that fail or stop part way, one way each, equally often: a bad fd (first or second),
 * -1 / -2 with a tag, data NULL, nr_args 0, each struct check, the overflow and range checks, arg NULL.
 */
const badFdUpdates = [
  fc.record({ offset, e: withBadEntry(withTags(updateFds), fc.constantFrom(entry(FD_CLOSED, 0), entry(-5, 0))) }).map(({ offset: off, e }) => registerStep(IORING_REGISTER_FILES_UPDATE, { arg: 'rsrc_update', nrArgs: e.length, offset: off, entries: e.map((x) => ({ ...x, tag: 0 })) })),
  fc.record({ offset, e: withBadEntry(withTags(updateFds), fc.constantFrom(entry(FD_SELF, 0), entry(FD_OTHER_RING, 0))) }).map(({ offset: off, e }) => update2(IORING_REGISTER_FILES_UPDATE2, off, e, { tags: true })),
];
const brokenFileUpdate = fc.oneof(
  // the bad fds twice as often as each other way: they empty the slot they fail on
  ...badFdUpdates,
  ...badFdUpdates,
  fc.record({ offset, e: withBadEntry(withTags(updateFds), fc.constantFrom(entry(-1, 0, 3), entry(-2, 0, 0x5eed))) }).map(({ offset: off, e }) => update2(IORING_REGISTER_FILES_UPDATE2, off, e, { tags: true })),
  fc.record({ offset, n: fc.integer({ min: 1, max: 2 }) }).map(({ offset: off, n }) => registerStep(IORING_REGISTER_FILES_UPDATE, { arg: 'rsrc_update', nrArgs: n, offset: off })),
  fc.record({ offset, fds: updateFds }).map(({ offset: off, fds }) => registerStep(IORING_REGISTER_FILES_UPDATE, { arg: 'rsrc_update', nrArgs: 0, offset: off, entries: fds.map((value) => entry(value, 0)) })),
  ...update2Breaks.map((brk) => fc.record({ offset, e: withTags(updateFds) }).map(({ offset: off, e }) => update2(IORING_REGISTER_FILES_UPDATE2, off, e, brk))),
  fc.constantFrom(registerStep(IORING_REGISTER_FILES_UPDATE, { nrArgs: 1 }), registerStep(IORING_REGISTER_FILES_UPDATE2, { nrArgs: RSRC_UPDATE2_SIZE })),
);

/** Calls that take no argument (the unregisters, REGISTER_PERSONALITY), now and then with one. */
const noArg = (opcode: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(registerStep(opcode)) },
    { weight: 1, arbitrary: fc.constant(registerStep(opcode, { nrArgs: 1 })) },
    { weight: 1, arbitrary: fc.constant(registerStep(opcode, { arg: 'fds', entries: [{ value: -1, len: 0, tag: 0 }] })) },
  );

/** UNREGISTER_PERSONALITY of an id the ring likely has (ids start at 1), of 0, past 65535, or with an argument. */
const unregisterPersonality = fc.oneof(
  { weight: 6, arbitrary: fc.constant(registerStep(IORING_UNREGISTER_PERSONALITY, { nrArgs: 1 })) },
  { weight: 3, arbitrary: fc.constant(registerStep(IORING_UNREGISTER_PERSONALITY, { nrArgs: 2 })) },
  { weight: 2, arbitrary: fc.constantFrom(0, 3, 0xffff, 0x10000).map((id) => registerStep(IORING_UNREGISTER_PERSONALITY, { nrArgs: id })) },
  { weight: 1, arbitrary: fc.constant(registerStep(IORING_UNREGISTER_PERSONALITY, { nrArgs: 1, arg: 'fds', entries: [{ value: -1, len: 0, tag: 0 }] })) },
);

/** The register step families with their weights (the declaration adds the submissions). */
export const REGISTER_STEP_ARBITRARIES: readonly Weighted<RegisterStep>[] = [
  { weight: 12, arbitrary: registerBuffers },
  { weight: 3, arbitrary: registerBuffers2 },
  { weight: 5, arbitrary: brokenBufferRegistration },
  { weight: 5, arbitrary: updateBuffers },
  { weight: 5, arbitrary: brokenBufferUpdate },
  { weight: 2, arbitrary: noArg(IORING_UNREGISTER_BUFFERS) },
  { weight: 9, arbitrary: registerFiles },
  { weight: 3, arbitrary: brokenFileRegistration },
  { weight: 4, arbitrary: updateFiles },
  { weight: 7, arbitrary: brokenFileUpdate },
  { weight: 1, arbitrary: noArg(IORING_UNREGISTER_FILES) },
  { weight: 6, arbitrary: noArg(IORING_REGISTER_PERSONALITY) },
  { weight: 5, arbitrary: unregisterPersonality },
];
