/**
 * The stateful declaration of a bpf-ops version (properties/stateful/declaration.ts): rings with
 * and without the version's setup flag, `bpf_op` steps aimed mostly at a few slots of the ring
 * itself (so taken slots, re-registrations and unregistrations of empty slots come up in short
 * sequences) and at every ring_fd selector, and narrow IORING_OP_BPF submissions.
 *
 * Submit steps are narrow on purpose: a plain SQE (opcode 65, every other field zero) where only
 * bpf_op_flags varies (the op id in bits 31-24, some of the program's low 24 bits), so the generic
 * io_init_req layer never decides and each submit tests the slots. The single-SQE specs bpf@v2 and
 * bpf@v3 cover the generic layer and the low bits; here the lifecycle is the subject.
 */
import fc from 'fast-check';
import { bpfOpsModel, type BpfOpsState } from '../../model/bpf-ops.js';
import { BPF_OPS_ID_MAX, BPF_OPS_SLOTS, type BpfOpsRuleId, type BpfOpsVersion } from '../../spec/bpf-ops/common.js';
import { IORING_OP_BPF } from '../../spec/constants.js';
import { SQE_FIELD_NAMES, zeroSqe, type Sqe } from '../../spec/sqe-layout.js';
import { FD_CLOSED, FD_OTHER_RING, FD_SCRATCH, FD_SELF, type RingSetup, type Step } from '../../spec/stateful/step.js';
import { boundedInt } from '../arbitraries/values.js';
import type { StatefulDeclaration, StatefulMutant } from '../stateful/declaration.js';

/** The ring_fd selectors a bpf_op step may carry: the two rings, a regular file, closed descriptors. */
export const BPF_OPS_RING_FDS = [FD_SELF, FD_OTHER_RING, FD_SCRATCH, FD_CLOSED, -1] as const;

/** What an adapter needs for these specs beyond the protocol. */
export const BPF_OPS_NEEDS = 'a ring where BPF ops can be registered (a kernel with the series and a struct_ops program)';

/** Ids: mostly the first few slots (collisions), then the range's edges and the u16 maximum. */
const opId = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom(BPF_OPS_SLOTS - 1, BPF_OPS_SLOTS, BPF_OPS_SLOTS + 1, 255, BPF_OPS_ID_MAX) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }) },
);

/** ring_fd: the ring itself most of the time, every other selector now and then. */
const ringFd = fc.oneof({ weight: 6, arbitrary: fc.constant(FD_SELF) }, { weight: 3, arbitrary: fc.constantFrom(...BPF_OPS_RING_FDS.filter((x) => x !== FD_SELF)) });

const bpfOpStep = (action: 'register' | 'unregister'): fc.Arbitrary<Step> => fc.record({ kind: fc.constant('bpf_op' as const), action: fc.constant(action), id: opId, ringFd });

/** The program's low 24 bits: none, all, one, or any (the kernel never reads them). */
const lowBits = fc.oneof(fc.constant(0), fc.constant(0xffffff), fc.constant(1), boundedInt(0, 0xffffff));

/** A plain IORING_OP_BPF SQE with this op id and low bits. */
export function bpfSubmitSqe(op: number, low: number): Sqe {
  return { ...zeroSqe(), opcode: IORING_OP_BPF, op_flags: ((op << 24) | low) >>> 0 };
}

const submitStep: fc.Arbitrary<Step> = fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 2, arbitrary: fc.constantFrom(15, 16, 17, 127, 128, 255) }), lowBits).map(([op, low]) => ({ kind: 'submit', sqe: bpfSubmitSqe(op, low) }));

/** Why a step is outside a version's lifecycle spec, or null. */
export function bpfOpsStepDomain(id: string): (step: Step) => string | null {
  return (step) => {
    if (step.kind === 'register') return `${id} has no io_uring_register steps (only bpf_op and submit)`;
    if (step.kind === 'bpf_op') {
      if (step.id > BPF_OPS_ID_MAX) return `bpf_op id ${step.id}: the struct_ops member id is an unsigned short (at most ${BPF_OPS_ID_MAX})`;
      if (!(BPF_OPS_RING_FDS as readonly number[]).includes(step.ringFd)) return `bpf_op ringFd ${step.ringFd}: ${id} names rings by the selectors FD_SELF, FD_OTHER_RING, FD_SCRATCH, FD_CLOSED and -1`;
      return null;
    }
    const s = step.sqe;
    if (s.opcode !== IORING_OP_BPF) return `submit: opcode ${s.opcode}; ${id} submits IORING_OP_BPF (${IORING_OP_BPF}) only`;
    // user_data is never read by anyone; bpf_op_flags is the subject
    const other = SQE_FIELD_NAMES.find((f) => f !== 'opcode' && f !== 'op_flags' && f !== 'user_data' && s[f] !== 0 && s[f] !== 0n);
    return other ? `submit: field ${other} is not zero; ${id} submits plain SQEs where only bpf_op_flags varies (the generic layer is bpf@v2/bpf@v3's)` : null;
  };
}

/** Why a ring is outside a version's lifecycle spec, or null: its setup flags are 0 or the version's flag. */
export function bpfOpsRingDomain(v: BpfOpsVersion): (ring: RingSetup) => string | null {
  const flag = v.setupFlag;
  return (ring) => (ring.setupFlags === 0 || ring.setupFlags === flag.value ? null : `ring setupFlags ${ring.setupFlags}: ${v.definition.id} rings have no setup flags or only ${flag.name} (${flag.value})`);
}

/** The built-in mutants: lifecycle bugs an implementation of the registration could have. */
function mutantsOf(v: BpfOpsVersion): StatefulMutant<BpfOpsState>[] {
  return [
    { name: 'register-skips-busy-check', description: 'registering into a taken slot replaces its ops and returns 0 instead of -EBUSY', model: bpfOpsModel(v, { registerSkipsBusyCheck: true }) },
    { name: 'unregister-leaves-slot-usable', description: 'unregistering returns 0 but leaves the ops in the slot: its SQEs still reach prep_fn and the id cannot be registered again', model: bpfOpsModel(v, { unregisterKeepsSlot: true }) },
    { name: 'id-range-off-by-one', description: 'the id range is checked with > 16 instead of >= 16, so id 16 is registered into a slot past the table', model: bpfOpsModel(v, { idRangeOffByOne: true }) },
    { name: 'ring-fd-ignored', description: "ring_fd is never resolved: every registration lands on the calling ring, as in V1's global table, so a closed fd or another ring is accepted", model: bpfOpsModel(v, { ringFdIgnored: true }) },
  ];
}

/** The declaration of a version. */
export function bpfOpsDeclaration(v: BpfOpsVersion): StatefulDeclaration<BpfOpsRuleId, BpfOpsState> {
  const flag = v.setupFlag.value;
  return {
    kind: 'stateful',
    definition: v.definition,
    model: bpfOpsModel(v),
    // the flag most of the time: without it every step fails early and the slots never fill
    rings: fc.oneof({ weight: 3, arbitrary: fc.constant({ setupFlags: flag }) }, { weight: 1, arbitrary: fc.constant({ setupFlags: 0 }) }),
    steps: [
      { weight: 4, arbitrary: bpfOpStep('register') },
      { weight: 3, arbitrary: bpfOpStep('unregister') },
      { weight: 3, arbitrary: submitStep },
    ],
    maxSteps: 16,
    domain: bpfOpsStepDomain(v.definition.id),
    mutants: mutantsOf(v),
    needs: BPF_OPS_NEEDS,
  };
}
