/**
 * fixed-buf@7.2: fixed-buf@6.15 on Linux 7.2, as a table of what changed. Read in Debian's
 * linux-source-7.2 (7.2.13-1) against the 6.15 spec, and checked on Debian's 7.2.13 kernel under
 * the vm backend (test/vectors/fixed-buf-7.2.json):
 * - the generic layer is 7.2's (GENERIC_7_2): IORING_OP_LAST is 65, not 63. None of the four ops
 *   is a 128-byte op, so the 128-byte-op check never fires for them;
 * - unchanged: __io_prep_rw (ioprio_check_cap, attr_type_mask), the import of a plain READ/WRITE
 *   at prep (import_ubuf), io_assign_file, io_import_reg_buf / validate_fixed_range at issue
 *   (io_uring/rsrc.c), READ's buffer selection, io_rw_init_file and kiocb_set_rw_flags
 *   (RWF_SUPPORTED is still bits 0-8), and the io_issue_defs of the four ops. Those rules are
 *   6.15's objects, so `uring-spec diff fixed-buf@6.15 fixed-buf@7.2` reports them unchanged.
 */
import { GENERIC_7_2, genericRules } from '../generic-layer.js';
import { FIXED_BUF_6_15, RW_OP_DEFS, RW_RULES, type FixedBufRuleId } from '../fixed-buf-6.15/rules.js';
import type { MainlineVersion } from '../mainline-version.js';
import type { SpecDefinition } from '../rule.js';

/** The fixed-buf@7.2 spec: the 7.2 generic layer, then rw prep and issue (6.15's), in check order. */
export const FIXED_BUF_7_2: SpecDefinition<FixedBufRuleId> = {
  id: 'fixed-buf@7.2',
  title: 'READ_FIXED / WRITE_FIXED buffer import and plain READ / WRITE on the scratch file, Linux 7.2',
  description: `${FIXED_BUF_6_15.description} Linux 7.2: IORING_OP_LAST = 65.`,
  opcodes: FIXED_BUF_6_15.opcodes,
  rules: [...genericRules(GENERIC_7_2, Object.values(RW_OP_DEFS)), ...RW_RULES],
};

/** fixed-buf@7.2 as data. */
export const FIXED_BUF_7_2_VERSION: MainlineVersion<FixedBufRuleId> = { definition: FIXED_BUF_7_2, layer: GENERIC_7_2, ops: RW_OP_DEFS };
