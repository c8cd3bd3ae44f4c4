/**
 * The op-registration lifecycle of IORING_OP_BPF in V2 and V3 of the series, as a stateful spec
 * (docs/stateful.md): BPF ops registered into, and unregistered from, a ring's 16 slots by
 * `bpf_op` steps, and IORING_OP_BPF SQEs submitted in between, each judged against the slots the
 * steps before it left. The versions differ in the setup flag (V2 IORING_SETUP_BPF_OP bit 20,
 * V3 IORING_SETUP_BPF_EXT bit 21) and in their sources; the algorithm is the same (V3 patch 6/12
 * repeats V2 patch 6/13 with bpf_op renamed bpf_ext), so the family is here and a version is data.
 *
 * Registration (struct_ops .reg/.unreg, io_bpf_reg_unreg), in this order:
 *   1. id >= IO_RING_MAX_BPF_OPS (16)                    -EINVAL, before ring_fd is looked at
 *   2. ring_fd resolved by io_uring_register_get_file(ring_fd, false):
 *      no open file -EBADF, a file that is not an io_uring -EOPNOTSUPP
 *   3. the ring lacks the version's setup flag           -EINVAL
 *   4. register: the slot holds ops -EBUSY, else stored (refcount 1), 0;
 *      unregister: the slot is empty -EINVAL, else refcount dropped (no request is in flight
 *      between steps, so it reaches 0 at once) and the slot emptied, 0.
 * A submit step is io_uring_bpf_prep of the version (spec/bpf-v2, spec/bpf-v3) with the ring's
 * registered slots as the context's ops.
 */
import { OBSERVED_7_2 } from '../bpf/sources.js';
import type { BpfVersion } from '../bpf/version.js';
import type { Rule, SpecConstant, SpecDefinition } from '../rule.js';

/** IO_RING_MAX_BPF_OPS (bpf_op.h, bpf_ext.h): the slots every ring with the setup flag has. */
export const BPF_OPS_SLOTS = 16;

/**
 * The struct_ops member `id` is an unsigned short (uring_bpf_ops): a step's id above this cannot
 * be expressed in it, so such a step is outside the spec.
 */
export const BPF_OPS_ID_MAX = 0xffff;

/** The prep rules a submit step can end in, with the narrow SQEs of the spec (no generic rule fires). */
export const SUBMIT_RULE_IDS = ['bpf.setup.missing', 'bpf.op.out-of-range', 'bpf.op.unregistered', 'bpf.prep.ok'] as const;
export type SubmitRuleId = (typeof SUBMIT_RULE_IDS)[number];

/**
 * The registration rules of a version, in io_bpf_reg_unreg's order (register's and unregister's own
 * last checks share an order, so each step kind's success comes after both). `reg` is the Message-ID and
 * function of the version's patch 6, `flag` its setup flag, `observed` its 7.2.13 observations.
 */
export function registrationRules(flag: SpecConstant, reg: string, observed: 'v2' | 'v3') {
  const seen = (rows: string) => `${reg}; ${OBSERVED_7_2(observed, rows)}`;
  return [
    {
      id: 'bpf.reg-unreg.id.out-of-range',
      errno: 'EINVAL',
      order: 1,
      summary: `register or unregister: id >= IO_RING_MAX_BPF_OPS (${BPF_OPS_SLOTS}), checked before ring_fd is looked at`,
      source: seen('s2:reg/id16->bpf-ring, s2:reg/id255->bpf-ring'),
    },
    {
      id: 'bpf.reg-unreg.ring-fd.bad',
      errno: 'EBADF',
      order: 2,
      summary: 'register or unregister: ring_fd is not an open descriptor (io_uring_register_get_file: fget finds nothing)',
      source: `${seen('s2:reg/id2->fd999')}; live Linux 6.18 io_uring/register.c io_uring_register_get_file (io_uring_register on fd 1000: -EBADF)`,
    },
    {
      id: 'bpf.reg-unreg.ring-fd.not-io-uring',
      errno: 'EOPNOTSUPP',
      order: 2,
      summary: 'register or unregister: ring_fd is open but not an io_uring (io_uring_register_get_file: not io_uring fops)',
      source: `${seen('s2:reg/id3->fd1(console)')}; live Linux 6.18 io_uring/register.c io_uring_register_get_file (io_uring_register on a regular file: -EOPNOTSUPP)`,
    },
    {
      id: 'bpf.reg-unreg.setup.missing',
      errno: 'EINVAL',
      order: 3,
      summary: `register or unregister: the ring ring_fd names was not set up with ${flag.name}, so it has no slots`,
      source: seen('s2:reg/id1->plain-ring'),
    },
    {
      id: 'bpf.reg.slot.busy',
      errno: 'EBUSY',
      order: 4,
      summary: "register: the ring's slot for the id already holds ops",
      source: seen('s2:reg/id0-again->bpf-ring'),
    },
    {
      id: 'bpf.unreg.slot.empty',
      errno: 'EINVAL',
      order: 4,
      summary: "unregister: the ring's slot for the id holds no ops",
      source: reg,
    },
    {
      id: 'bpf.reg.ok',
      errno: 'OK',
      order: 5,
      summary: 'register: the ops are stored in the empty slot with refcount 1; IORING_OP_BPF SQEs with the id now reach its prep_fn',
      source: seen('s2:reg/id0->bpf-ring, s2:sqe/op0/prep-returns-0/issue-set_result-42'),
    },
    {
      id: 'bpf.unreg.ok',
      errno: 'OK',
      order: 5,
      summary: 'unregister: the refcount drops to 0 (no request in flight) and the slot is emptied; the id can be registered again and its SQEs get -EOPNOTSUPP',
      source: seen('s2:sqe/op0/after-unregister'),
    },
  ] as const satisfies readonly Rule[];
}

/** A registration rule id (the same in every version). */
export type RegistrationRuleId = ReturnType<typeof registrationRules>[number]['id'];

/** A rule id of a bpf-ops version. */
export type BpfOpsRuleId = RegistrationRuleId | SubmitRuleId;

/** A version of the lifecycle as data. */
export interface BpfOpsVersion {
  readonly definition: SpecDefinition<BpfOpsRuleId>;
  /** The single-SQE version whose prep judges the submit steps (bpf@v2, bpf@v3). */
  readonly prep: BpfVersion<string>;
  /** The setup flag as posted (the prep version's). */
  readonly setupFlag: SpecConstant;
}

/** What a version states; its catalogue is derived. */
export interface BpfOpsVersionParts {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly prep: BpfVersion<string>;
  /** Message-ID and function of the registration patch. */
  readonly regSource: string;
  readonly observed: 'v2' | 'v3';
}

/** A version with its catalogue: the registration rules, then the prep rules a submit step can end in. */
export function defineBpfOpsVersion(parts: BpfOpsVersionParts): BpfOpsVersion {
  const submit = SUBMIT_RULE_IDS.map((id) => {
    const c = parts.prep.checks.find((x) => x.id === id);
    if (!c) throw new Error(`defineBpfOpsVersion: ${parts.prep.definition.id} has no rule ${id}`);
    return { id, errno: c.errno, order: c.order, summary: `submit: ${c.summary}`, source: c.source };
  });
  const rules: Rule<BpfOpsRuleId>[] = [...registrationRules(parts.prep.setupFlag, parts.regSource, parts.observed), ...submit];
  return {
    definition: { id: parts.id, title: parts.title, description: parts.description, opcodes: parts.prep.definition.opcodes, rules, constants: [parts.prep.setupFlag] },
    prep: parts.prep,
    setupFlag: parts.prep.setupFlag,
  };
}
