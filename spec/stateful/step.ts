/**
 * Steps of a stateful spec: what happens to one ring, in order. A single-SQE spec judges one SQE
 * against a fixed ring context; a stateful spec judges a sequence of io_uring_register calls,
 * BPF op registrations and submissions on one ring that lives for the whole sequence, each step's
 * result predicted from the ring state the steps before it left (docs/stateful.md).
 *
 * A step is data, the same everywhere: the model reads it, the exec protocol carries it as a
 * 256-byte step record (backends/exec/step-record.ts), reports and corpora print it as JSON.
 * Pointers never appear: an argument names what it points at (canonical buffer i, the scratch
 * file, the ring itself), and each adapter builds the real pointers and descriptors the same way.
 */
import type { Sqe } from '../sqe-layout.js';

/** What an io_uring_register step's `arg` pointer points at (step record offset 12). */
export const REGISTER_ARG_KINDS = ['none', 'iovecs', 'fds', 'rsrc_register', 'rsrc_update', 'rsrc_update2'] as const;
export type RegisterArgKind = (typeof REGISTER_ARG_KINDS)[number];

/** The most entries a step carries; arrays are backed by ENTRY_ARRAY_LEN slots (the rest empty). */
export const MAX_STEP_ENTRIES = 8;
/** Every array an adapter builds has this many slots: given entries first, then empty ones. */
export const ENTRY_ARRAY_LEN = 1024;
/** The most steps in one sequence. */
export const MAX_SEQUENCE_STEPS = 64;

/**
 * Selectors an entry's `value` may hold. For an iovec: `IOV_NULL` is iov_base = NULL,
 * `1 + i` is canonical buffer i (docs/exec-protocol.md, "Canonical buffer addresses"; the adapter
 * maps all 16 before the first step, registered or not), `IOV_BAD` is the unmapped address
 * IOV_BAD_ADDR. For a file descriptor (s32): `FD_SELF` is the ring's own fd, `FD_OTHER_RING` the
 * fd of a second ring the adapter creates with no setup flags, `FD_SCRATCH` the scratch file
 * (fd 100); any other value is passed as is (-1 empty slot, -2 IORING_REGISTER_FILES_SKIP,
 * 1000 a closed descriptor).
 */
export const IOV_NULL = 0;
export const IOV_BAD = 0xffffffff;
/** The address IOV_BAD stands for: page 1, below mmap_min_addr, so never mapped. */
export const IOV_BAD_ADDR = 0x1000;
export const FD_SELF = 0x7ffffff0;
export const FD_OTHER_RING = 0x7ffffff1;
export const FD_SCRATCH = 100;
/** A descriptor no adapter has open. */
export const FD_CLOSED = 1000;
/** How many canonical buffers an adapter maps for a sequence (selectors 1..16). */
export const SEQUENCE_BUFFERS = 16;

/** One array element: the value (selector), the iovec length, and the tag (u64, kept below 2^53). */
export interface StepEntry {
  value: number;
  len: number;
  tag: number;
}

/**
 * io_uring_register(ring_fd, opcode, arg, nr_args). The struct `arg` points at is built from the
 * fields: `rsrc_register` = { nr, flags, resv2, data, tags }, `rsrc_update` = { offset, resv,
 * data }, `rsrc_update2` = { offset, resv, data, tags, nr, resv2 }; `data` is the entries' array
 * (iovecs for the buffer opcodes, fds for the file ones) or NULL when there are no entries, and
 * `tags` the entries' tags when `tags` is true, else NULL. Beyond the given entries an array holds
 * empty slots: iovec { NULL, 0 } and fd -1.
 */
export interface RegisterStep {
  kind: 'register';
  /** IORING_REGISTER_* (e.g. 0 REGISTER_BUFFERS, 16 REGISTER_BUFFERS_UPDATE, 9 REGISTER_PERSONALITY). */
  opcode: number;
  nrArgs: number;
  arg: RegisterArgKind;
  offset: number;
  flags: number;
  nr: number;
  resv: number;
  resv2: number;
  tags: boolean;
  entries: StepEntry[];
}

/** One SQE submitted alone (io_uring_enter with to_submit 1, min_complete 1); its CQE's res. */
export interface SubmitStep {
  kind: 'submit';
  sqe: Sqe;
}

/**
 * A BPF op registered on (or unregistered from) a ring, as the IORING_OP_BPF series' struct_ops
 * registration does (V2/V3: per ring, `ring_fd` names it): id `id`, a prep_fn that returns 0.
 * The result is the registration's return (0 or -errno).
 */
export interface BpfOpStep {
  kind: 'bpf_op';
  action: 'register' | 'unregister';
  id: number;
  /** A descriptor selector (FD_SELF, FD_OTHER_RING, FD_SCRATCH, FD_CLOSED, ...). */
  ringFd: number;
}

export type Step = RegisterStep | SubmitStep | BpfOpStep;

/** The ring a sequence runs on, created fresh before its first step and closed after its last. */
export interface RingSetup {
  /** io_uring_params.flags. */
  setupFlags: number;
}

/** A whole sequence: the ring and its steps, in order. */
export interface StepSequence {
  ring: RingSetup;
  steps: Step[];
}
