/**
 * The reference model of ring-lifecycle@6.18 (spec/ring-lifecycle-6.18/rules.ts): a ring state
 * (buffer table, file table, personalities, the scratch file's size) and a pure step function.
 * Register steps: model/ring-lifecycle-6.18/register.ts; submit steps: .../submit.ts.
 *
 * The domain keeps to what the model predicts exactly (ringLifecycle618Domain says why a step is
 * outside):
 * - rings: no setup flag or one of RING_LIFECYCLE_SETUP_FLAGS (none changes a register call;
 *   IOPOLL makes READ/WRITE_FIXED on the buffered scratch file fail);
 * - register steps: the eleven opcodes of the spec, each with its own argument struct (or NULL),
 *   fields the struct does not have left 0, entries that are selectors the adapters share
 *   (canonical buffers 1..16 with iov_len up to one stride (1 MiB), NULL, the unmapped page; fds
 *   -1, -2, the scratch file, the ring itself, a second ring, and descriptors nobody has open),
 *   and never an array read past its 1024 slots;
 * - submit steps: NOP, READ_FIXED, WRITE_FIXED and invalid opcodes (>= 63); no IOSQE_IO_DRAIN,
 *   IO_LINK, IO_HARDLINK or CQE_SKIP_SUCCESS (what they do across SQEs is the single-SQE specs'
 *   job, nop@6.18 and fixed-buf@6.15), no IORING_NOP_CQE32 (no ring here has 32-byte CQEs);
 *   READ/WRITE_FIXED with ioprio, rw_flags and attr_type_mask 0 and an offset below 1 MiB (not
 *   -1: the file position is not modelled); a descriptor (not a fixed-file index) is the scratch
 *   file or one nobody has open;
 * - no bpf_op steps: mainline 6.18 has no BPF ops.
 */
import {
  IORING_MAX_REG_BUFFERS,
  IORING_OP_NOP,
  IORING_SETUP_COOP_TASKRUN,
  IORING_SETUP_IOPOLL,
  IORING_SETUP_SINGLE_ISSUER,
  IORING_SETUP_SQPOLL,
  IOSQE_CQE_SKIP_SUCCESS,
  IOSQE_FIXED_FILE,
  IOSQE_IO_DRAIN,
  IOSQE_IO_HARDLINK,
  IOSQE_IO_LINK,
  MAX_BUF_SIZE,
} from '../spec/constants.js';
import { IORING_NOP_CQE32, IORING_NOP_FILE, IORING_NOP_FIXED_FILE, IORING_OP_LAST_6_18, isClosedFd, SCRATCH_FD } from '../spec/mainline-constants.js';
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
  REGISTER_OPCODE_NAMES,
  RSRC_REGISTER_SIZE,
  RSRC_UPDATE2_SIZE,
} from '../spec/ring-lifecycle-6.18/constants.js';
import { RING_LIFECYCLE_6_18 } from '../spec/ring-lifecycle-6.18/rules.js';
import type { Sqe } from '../spec/sqe-layout.js';
import { ENTRY_ARRAY_LEN, FD_CLOSED, FD_OTHER_RING, FD_SELF, IOV_BAD, IOV_NULL, SEQUENCE_BUFFERS, type RegisterArgKind, type RegisterStep, type RingSetup, type Step } from '../spec/stateful/step.js';
import { negErrno } from '../spec/errno.js';
import { ruleById } from '../spec/rule.js';
import { isFixedOp } from './fixed-buf.js';
import type { StatefulModel } from './stateful.js';
import { registerStep } from './ring-lifecycle-6.18/register.js';
import { initialState, type RingLifecycleState } from './ring-lifecycle-6.18/state.js';
import { submitStep } from './ring-lifecycle-6.18/submit.js';

export type { RingLifecycleState } from './ring-lifecycle-6.18/state.js';

/** DEFER_TASKRUN (needs SINGLE_ISSUER): completions run as task work of the submitter. */
export const IORING_SETUP_DEFER_TASKRUN = 1 << 13;

/** The rings the spec describes: plain, IOPOLL, SQPOLL, COOP_TASKRUN, SINGLE_ISSUER with DEFER_TASKRUN. */
export const RING_LIFECYCLE_SETUP_FLAGS = [0, IORING_SETUP_IOPOLL, IORING_SETUP_SQPOLL, IORING_SETUP_COOP_TASKRUN, IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN] as const;

/** The model. */
export const RING_LIFECYCLE_618_MODEL: StatefulModel<RingLifecycleState> = {
  initial: (ring: RingSetup) => initialState(ring.setupFlags),
  step(state, step) {
    if (step.kind === 'submit') return submitStep(state, step.sqe);
    if (step.kind === 'bpf_op') throw new Error('ring-lifecycle@6.18 model: bpf_op steps are outside the spec (see its domain)');
    const r = registerStep(state, step);
    const rule = ruleById(RING_LIFECYCLE_6_18, r.rule);
    return { outcome: { res: rule.errno === 'OK' ? r.res : negErrno(rule.errno), posted: true, data: null, rule: rule.id }, state: r.state };
  },
};

/** null when the ring is one the spec describes; else why not. */
export function ringLifecycle618RingDomain(ring: RingSetup): string | null {
  if ((RING_LIFECYCLE_SETUP_FLAGS as readonly number[]).includes(ring.setupFlags >>> 0)) return null;
  return `setupFlags 0x${(ring.setupFlags >>> 0).toString(16)}: ring-lifecycle@6.18 describes rings set up with ${RING_LIFECYCLE_SETUP_FLAGS.map((f) => `0x${f.toString(16)}`).join(', ')}`;
}

/**
 * The argument each register opcode takes besides NULL ('none'). The opcodes that want arg NULL
 * (the unregisters, REGISTER_PERSONALITY, UNREGISTER_PERSONALITY) take any array to be refused with.
 */
const ANY_ARRAY: readonly RegisterArgKind[] = ['iovecs', 'fds'];
const ARG_OF: Readonly<Record<number, readonly RegisterArgKind[]>> = {
  [IORING_REGISTER_BUFFERS]: ['iovecs'],
  [IORING_UNREGISTER_BUFFERS]: ANY_ARRAY,
  [IORING_REGISTER_FILES]: ['fds'],
  [IORING_UNREGISTER_FILES]: ANY_ARRAY,
  [IORING_REGISTER_FILES_UPDATE]: ['rsrc_update'],
  [IORING_REGISTER_PERSONALITY]: ANY_ARRAY,
  [IORING_UNREGISTER_PERSONALITY]: ANY_ARRAY,
  [IORING_REGISTER_FILES2]: ['rsrc_register'],
  [IORING_REGISTER_FILES_UPDATE2]: ['rsrc_update2'],
  [IORING_REGISTER_BUFFERS2]: ['rsrc_register'],
  [IORING_REGISTER_BUFFERS_UPDATE]: ['rsrc_update2'],
};

/** The step fields each argument kind carries; the others stay 0. */
const FIELDS_OF: Readonly<Record<RegisterArgKind, readonly ('offset' | 'flags' | 'nr' | 'resv' | 'resv2')[]>> = {
  none: [],
  iovecs: [],
  fds: [],
  rsrc_register: ['nr', 'flags', 'resv2'],
  rsrc_update: ['offset', 'resv'],
  rsrc_update2: ['offset', 'resv', 'nr', 'resv2'],
};

/** Opcodes whose array holds iovecs; every other opcode's holds fds (docs/stateful.md). */
const BUFFER_OPCODES: readonly number[] = [IORING_REGISTER_BUFFERS, IORING_REGISTER_BUFFERS2, IORING_REGISTER_BUFFERS_UPDATE];

/** A descriptor nobody has open: negative, 1000 (FD_CLOSED), or from 9999 up (the ring selectors excepted). */
function closedFd(fd: number): boolean {
  return fd !== FD_SELF && fd !== FD_OTHER_RING && (isClosedFd(fd) || fd === FD_CLOSED);
}

function entryDomain(step: RegisterStep): string | null {
  const iovecs = BUFFER_OPCODES.includes(step.opcode);
  for (const [i, e] of step.entries.entries()) {
    if (iovecs) {
      const v = e.value >>> 0;
      if (v !== IOV_NULL && v !== IOV_BAD && !(v >= 1 && v <= SEQUENCE_BUFFERS)) return `entry ${i}: iovec selector ${v}: only NULL (0), canonical buffers 1..${SEQUENCE_BUFFERS} and the unmapped page (0xffffffff) are described`;
      if (e.len > MAX_BUF_SIZE) return `entry ${i}: iov_len ${e.len}: above one canonical stride (${MAX_BUF_SIZE}) a buffer reaches memory the adapters map differently`;
    } else {
      const fd = e.value | 0;
      if (fd !== -1 && fd !== -2 && fd !== SCRATCH_FD && fd !== FD_SELF && fd !== FD_OTHER_RING && !closedFd(fd)) return `entry ${i}: fd ${fd}: only -1, -2, the scratch file (100), the ring selectors and descriptors nobody has open are described`;
      if (e.len !== 0) return `entry ${i}: an fd entry has no length (len ${e.len})`;
    }
  }
  return null;
}

/** How many array slots (iovecs or fds, and tags) the kernel reads for this step, when its state-independent checks pass. */
function slotsRead(step: RegisterStep): number {
  const hasArray = step.arg === 'iovecs' || step.arg === 'fds' || step.entries.length > 0 || step.tags;
  switch (step.opcode) {
    case IORING_REGISTER_BUFFERS:
      return step.arg === 'iovecs' && step.nrArgs <= IORING_MAX_REG_BUFFERS ? step.nrArgs : 0;
    case IORING_REGISTER_FILES:
      return step.arg === 'fds' && step.nrArgs <= IORING_MAX_FIXED_FILES ? step.nrArgs : 0;
    case IORING_REGISTER_BUFFERS2:
    case IORING_REGISTER_FILES2: {
      const passes = step.nrArgs === RSRC_REGISTER_SIZE && step.arg !== 'none' && step.nr !== 0 && step.resv2 === 0 && !(step.flags & ~IORING_RSRC_REGISTER_SPARSE) && !(step.flags & IORING_RSRC_REGISTER_SPARSE && step.entries.length > 0);
      const limit = step.opcode === IORING_REGISTER_BUFFERS2 ? IORING_MAX_REG_BUFFERS : IORING_MAX_FIXED_FILES;
      if (!passes || step.nr > limit) return 0;
      // a files table also counts against RLIMIT_NOFILE, which differs between adapters: only tables up to 1024 are described
      return hasArray || step.opcode === IORING_REGISTER_FILES2 ? step.nr : 0;
    }
    case IORING_REGISTER_FILES_UPDATE:
      return step.nrArgs !== 0 && step.arg !== 'none' && step.resv === 0 && step.offset + step.nrArgs <= 0xffffffff ? step.nrArgs : 0;
    case IORING_REGISTER_FILES_UPDATE2:
    case IORING_REGISTER_BUFFERS_UPDATE:
      return step.nrArgs === RSRC_UPDATE2_SIZE && step.arg !== 'none' && step.nr !== 0 && step.resv === 0 && step.resv2 === 0 && step.offset + step.nr <= 0xffffffff ? step.nr : 0;
    default:
      return 0;
  }
}

function registerDomain(step: RegisterStep): string | null {
  const name = REGISTER_OPCODE_NAMES[step.opcode];
  const arg = ARG_OF[step.opcode];
  if (!name || !arg) return `register opcode ${step.opcode} is outside ring-lifecycle@6.18 (it describes ${Object.entries(REGISTER_OPCODE_NAMES).map(([k, v]) => `${v} (${k})`).join(', ')})`;
  if (step.arg !== 'none' && !arg.includes(step.arg)) return `${name} with arg '${step.arg}': it takes ${arg.map((a) => `'${a}'`).join(' or ')} (or NULL)`;
  if ((step.arg === 'iovecs' || step.arg === 'fds') && step.entries.length === 0) return `${name} with an '${step.arg}' array and no entries: give one entry at least, or arg 'none' for NULL`;
  if (step.arg === 'none' && step.entries.length > 0) return `${name} with arg NULL and entries: nothing would point at them`;
  if (step.tags && step.arg !== 'rsrc_register' && step.arg !== 'rsrc_update2') return `${name} with tags: only io_uring_rsrc_register and io_uring_rsrc_update2 have a tags pointer`;
  for (const f of ['offset', 'flags', 'nr', 'resv', 'resv2'] as const) {
    if (step[f] !== 0 && !FIELDS_OF[step.arg].includes(f)) return `${name}: field ${f} is ${step[f]}, but arg '${step.arg}' has no ${f}: keep it 0`;
  }
  const bad = entryDomain(step);
  if (bad) return `${name}: ${bad}`;
  const read = slotsRead(step);
  if (read > ENTRY_ARRAY_LEN) return `${name}: the kernel would read ${read} slots, past the ${ENTRY_ARRAY_LEN} an adapter backs arrays with (or, for a file table, RLIMIT_NOFILE, which differs between adapters)`;
  return null;
}

const CROSS_SQE_FLAGS = IOSQE_IO_DRAIN | IOSQE_IO_LINK | IOSQE_IO_HARDLINK | IOSQE_CQE_SKIP_SUCCESS;

/** A descriptor the SQE names directly: the scratch file or one nobody has open. */
function directFdDomain(fd: number): string | null {
  return fd === SCRATCH_FD || closedFd(fd) ? null : `fd ${fd}: only the scratch file (100) and descriptors nobody has open (negative, 1000, >= 9999) are described`;
}

function submitDomain(sqe: Sqe): string | null {
  const op = sqe.opcode;
  if (op >= IORING_OP_LAST_6_18) return null;
  if (op !== IORING_OP_NOP && !isFixedOp(op)) return `opcode ${op}: ring-lifecycle@6.18 submits NOP (0), READ_FIXED (4), WRITE_FIXED (5) and invalid opcodes (>= ${IORING_OP_LAST_6_18})`;
  if (sqe.flags & CROSS_SQE_FLAGS) return `sqe.flags 0x${sqe.flags.toString(16)}: IO_DRAIN, IO_LINK, IO_HARDLINK and CQE_SKIP_SUCCESS reach across SQEs; the single-SQE specs describe them`;
  const fixed = (sqe.flags & IOSQE_FIXED_FILE) !== 0;
  if (op === IORING_OP_NOP) {
    const f = sqe.op_flags >>> 0;
    if (f & IORING_NOP_CQE32) return 'IORING_NOP_CQE32: no ring of this spec has 32-byte CQEs';
    return f & IORING_NOP_FILE && !fixed && !(f & IORING_NOP_FIXED_FILE) ? directFdDomain(sqe.fd) : null;
  }
  if (sqe.ioprio !== 0) return `ioprio 0x${sqe.ioprio.toString(16)}: READ/WRITE_FIXED's ioprio checks are fixed-buf@6.15's`;
  if (sqe.op_flags !== 0) return `rw_flags 0x${(sqe.op_flags >>> 0).toString(16)}: RWF_* flags are fixed-buf@6.15's`;
  if (sqe.pad2 !== 0n) return `attr_type_mask 0x${sqe.pad2.toString(16)}: fixed-buf@6.15's`;
  if (sqe.off >= 1n << 20n) return `off 0x${sqe.off.toString(16)}: offsets from 1 MiB up (and -1, the file position) are not described`;
  return fixed ? null : directFdDomain(sqe.fd);
}

/** null when ring-lifecycle@6.18 describes the step; else why not. */
export function ringLifecycle618Domain(step: Step): string | null {
  if (step.kind === 'bpf_op') return 'bpf_op steps: mainline Linux 6.18 has no BPF ops (bpf-ops specs describe them)';
  return step.kind === 'submit' ? submitDomain(step.sqe) : registerDomain(step);
}
