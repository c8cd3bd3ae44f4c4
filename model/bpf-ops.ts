/**
 * The reference model of bpf-ops@v2 / bpf-ops@v3 (spec/bpf-ops/common.ts): the state is the
 * ring's setup flag and its slots, and the slots of the second ring a `bpf_op` step can name
 * (FD_OTHER_RING, created with no setup flags, so it has no slot table and nothing can ever be
 * registered there; it is modelled anyway so a step that names it provably leaves this ring alone).
 * `bpf_op` steps follow io_bpf_reg_unreg; submit steps are judged by the single-SQE model of the
 * version (model/bpf-family.ts) with this ring's registered ids as the context's ops.
 *
 * Bugs (the built-in mutants) are switches of the same function, so a mutant differs from the
 * reference in one place only.
 */
import { negErrno } from '../spec/errno.js';
import { BPF_OPS_SLOTS, type BpfOpsRuleId, type BpfOpsVersion } from '../spec/bpf-ops/common.js';
import { ruleById } from '../spec/rule.js';
import { FD_OTHER_RING, FD_SCRATCH, FD_SELF, type BpfOpStep, type RingSetup, type Step } from '../spec/stateful/step.js';
import { bpfModel } from './bpf-family.js';
import type { ModelOutcome } from './outcome.js';
import type { StatefulModel } from './stateful.js';

/** One ring: null slots when it was set up without the flag (io_bpf_alloc allocates none), else the registered ids, ascending. */
export interface BpfOpsRing {
  readonly setupFlags: number;
  readonly slots: readonly number[] | null;
}

export interface BpfOpsState {
  /** The ring the sequence runs on (FD_SELF). */
  readonly self: BpfOpsRing;
  /** The second ring (FD_OTHER_RING): no setup flags. */
  readonly other: BpfOpsRing;
}

/** Lifecycle bugs a mutant model has; the reference has none. */
export interface BpfOpsBugs {
  /** Registration stores the ops even when the slot is taken (no -EBUSY). */
  readonly registerSkipsBusyCheck?: boolean;
  /** Unregistration answers 0 but leaves the ops in the slot. */
  readonly unregisterKeepsSlot?: boolean;
  /** The id range is checked with `> 16` instead of `>= 16`: id 16 gets a slot past the table. */
  readonly idRangeOffByOne?: boolean;
  /** ring_fd is never resolved: every registration lands on the sequence's own ring. */
  readonly ringFdIgnored?: boolean;
}

function ringOf(setupFlags: number, flag: number): BpfOpsRing {
  return { setupFlags, slots: setupFlags & flag ? [] : null };
}

/** What ring_fd names: one of the two rings, or the errno rule of io_uring_register_get_file. */
function resolveRingFd(ringFd: number): 'self' | 'other' | BpfOpsRuleId {
  if (ringFd === FD_SELF) return 'self';
  if (ringFd === FD_OTHER_RING) return 'other';
  if (ringFd === FD_SCRATCH) return 'bpf.reg-unreg.ring-fd.not-io-uring';
  // FD_CLOSED, -1 and every other number: no descriptor of that number is open in any adapter
  return 'bpf.reg-unreg.ring-fd.bad';
}

/** io_bpf_reg_unreg: the rule that decides, and the slots of the named ring after it. */
function regUnreg(state: BpfOpsState, step: BpfOpStep, bugs: BpfOpsBugs): { rule: BpfOpsRuleId; state: BpfOpsState } {
  const outOfRange = bugs.idRangeOffByOne ? step.id > BPF_OPS_SLOTS : step.id >= BPF_OPS_SLOTS;
  if (outOfRange) return { rule: 'bpf.reg-unreg.id.out-of-range', state };
  const which = bugs.ringFdIgnored ? 'self' : resolveRingFd(step.ringFd);
  if (which !== 'self' && which !== 'other') return { rule: which, state };
  const ring = state[which];
  if (ring.slots === null) return { rule: 'bpf.reg-unreg.setup.missing', state };
  const taken = ring.slots.includes(step.id);
  let slots = ring.slots;
  let rule: BpfOpsRuleId;
  if (step.action === 'register') {
    if (taken && !bugs.registerSkipsBusyCheck) return { rule: 'bpf.reg.slot.busy', state };
    slots = taken ? slots : [...slots, step.id].sort((a, b) => a - b);
    rule = 'bpf.reg.ok';
  } else {
    if (!taken) return { rule: 'bpf.unreg.slot.empty', state };
    // no request is in flight between steps, so the refcount of 1 drops to 0 at once
    if (!bugs.unregisterKeepsSlot) slots = slots.filter((x) => x !== step.id);
    rule = 'bpf.unreg.ok';
  }
  return { rule, state: { ...state, [which]: { ...ring, slots } } };
}

/** The stateful model of a version, with `bugs` for a mutant. */
export function bpfOpsModel(v: BpfOpsVersion, bugs: BpfOpsBugs = {}): StatefulModel<BpfOpsState> {
  const prep = bpfModel(v.prep);
  const flag = v.setupFlag.value;
  return {
    initial: (ring: RingSetup) => ({ self: ringOf(ring.setupFlags >>> 0, flag), other: ringOf(0, flag) }),
    step(state: BpfOpsState, step: Step): { outcome: ModelOutcome; state: BpfOpsState } {
      if (step.kind === 'submit') {
        const ctx = { setupFlags: state.self.setupFlags, nrBufs: 0, bufSize: 4096, ops: [...(state.self.slots ?? [])], personalities: 0 };
        return { outcome: prep(step.sqe, ctx), state };
      }
      if (step.kind === 'register') throw new Error(`${v.definition.id}: io_uring_register steps are outside the spec (domain)`);
      const r = regUnreg(state, step, bugs);
      const rule = ruleById(v.definition, r.rule);
      // a registration posts no CQE: its outcome is the call's return, with no completion flags
      return { outcome: { res: rule.errno === 'OK' ? 0 : negErrno(rule.errno), posted: true, data: null, rule: rule.id }, state: r.state };
    },
  };
}
