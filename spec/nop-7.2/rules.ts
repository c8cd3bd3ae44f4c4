/**
 * nop@7.2: nop@6.18 on Linux 7.2, as a table of what changed. Read in Debian's linux-source-7.2
 * (7.2.13-1) against the 6.18 spec, and checked on Debian's 7.2.13 kernel under the vm backend
 * (test/vectors/nop-7.2.json):
 * - the generic layer is 7.2's (GENERIC_7_2): IORING_OP_LAST is 65, not 63;
 * - IORING_OP_NOP128 (63) is NOP in a 128-byte SQE (io_issue_defs: same prep and issue as NOP,
 *   iopoll, no ioprio, no buffer select, is_128), so it meets io_init_req's 128-byte-op check;
 * - io_nop_prep / io_nop (io_uring/nop.c) are unchanged: the same NOP_FLAGS, the CQE32 check at
 *   prep, the file and the buffer at issue, errors replacing an injected result. Those rules are
 *   6.18's objects, so `uring-spec diff nop@6.18 nop@7.2` reports them unchanged.
 */
import { IORING_OP_NOP } from '../constants.js';
import { GENERIC_7_2, genericRules, type OpDef } from '../generic-layer.js';
import { IORING_OP_NOP128 } from '../mainline-constants.js';
import type { MainlineVersion } from '../mainline-version.js';
import { NOP_OP_DEF, NOP_RULES, type NopRuleId } from '../nop-6.18/rules.js';
import type { SpecDefinition } from '../rule.js';

/** io_issue_defs[IORING_OP_NOP128] (io_uring/opdef.c, 7.2): NOP's, and a 128-byte op. */
export const NOP128_OP_DEF: OpDef = { ...NOP_OP_DEF, name: 'NOP128', is128: true };

const OPS: Readonly<Record<number, OpDef>> = { [IORING_OP_NOP]: NOP_OP_DEF, [IORING_OP_NOP128]: NOP128_OP_DEF };

/** The nop@7.2 spec: the 7.2 generic layer, then NOP's prep and issue (6.18's), in check order. */
export const NOP_7_2: SpecDefinition<NopRuleId> = {
  id: 'nop@7.2',
  title: 'IORING_OP_NOP, IORING_OP_NOP128 and the generic io_init_req layer, Linux 7.2',
  description:
    'IORING_OP_NOP (0) and IORING_OP_NOP128 (63) on Linux 7.2: opcode range (IORING_OP_LAST = 65), a 128-byte op needs an IORING_SETUP_SQE128 ring, undefined sqe flag bit 7, BUFFER_SELECT, DRAIN with CQE_SKIP_SUCCESS, ioprio, personality; then nop_flags as on 6.18.',
  opcodes: Object.keys(OPS).map(Number),
  rules: [...genericRules(GENERIC_7_2, Object.values(OPS)), ...NOP_RULES],
};

/** nop@7.2 as data. */
export const NOP_7_2_VERSION: MainlineVersion<NopRuleId> = { definition: NOP_7_2, layer: GENERIC_7_2, ops: OPS };
