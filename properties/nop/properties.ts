/**
 * The properties of a nop version (nop@6.18, nop@7.2). Each states one thing the spec promises, with its expected result
 * written from the spec (not asked of the model), so run against the model they check the model too.
 */
import fc from 'fast-check';
import { IORING_SETUP_IOPOLL, IOSQE_CQE_SKIP_SUCCESS, IOSQE_FIXED_FILE, IOSQE_IO_DRAIN } from '../../spec/constants.js';
import { negErrno } from '../../spec/errno.js';
import {
  IORING_NOP_FILE,
  IORING_NOP_FIXED_BUFFER,
  IORING_NOP_FIXED_FILE,
  IORING_NOP_INJECT_RESULT,
  IORING_SETUP_CQE32,
  NOP_FLAGS_6_18,
} from '../../spec/mainline-constants.js';
import { nopFieldsRead } from '../../spec/nop-6.18/fields.js';
import type { NopRuleId } from '../../spec/nop-6.18/rules.js';
import type { MainlineVersion } from '../../spec/mainline-version.js';
import type { SpecDeclaration } from '../pack/declaration.js';
import { standardProperties } from '../pack/standard.js';
import type { Case } from '../case.js';
import { expectResult, sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';
import { corrupted } from '../common/corruption-kit.js';
import { rejects, rejectsEach } from '../common/rejects.js';
import { safeFd, safeFdSqe } from '../mainline/safe-values.js';
import { anyNopCase, wildNopCase } from './cases.js';
import { nopCorruptions, nopCorruptionsFor } from './corruptions.js';
import { expectedNopRes, injectLen, validNopCases } from './valid-case.js';

/** Sets and clears nop_flags bits without touching anything else. */
const withNopFlags = (c: Case, set: number, clear = 0): Case => ({ ...c, sqe: { ...c.sqe, op_flags: ((c.sqe.op_flags & ~clear) | set) >>> 0 } });

/** What nop version `v` declares; its standard properties derive from it. */
export function nopDeclaration(v: MainlineVersion<NopRuleId>): SpecDeclaration<NopRuleId> {
  const validNop = validNopCases(v);
  const validNopCase = validNop();
  /** One rule broken on top of a valid request. */
  const breaking = (rule: NopRuleId) => corrupted(validNop, nopCorruptionsFor(v, rule)).map((x) => x.case);

  const validAccepted = property<Case>({
    name: 'valid-requests-complete',
    description: 'every accepted nop_flags combination completes with res 0, or (s32)len with INJECT_RESULT; a success with CQE_SKIP_SUCCESS posts nothing',
    rules: ['nop.complete', 'nop.inject-result'],
    arbitrary: validNopCase,
    cases: (c) => [c],
    check: (c, got) => {
      const res = expectedNopRes(c);
      const rule = c.sqe.op_flags & IORING_NOP_INJECT_RESULT ? 'nop.inject-result' : 'nop.complete';
      const posted = !(res >= 0 && c.sqe.flags & IOSQE_CQE_SKIP_SUCCESS);
      // a success that posts nothing has no res to see (the protocol reports 0)
      return expectResult(c, got[0]!, { res: posted ? res : 0, rule, posted });
    },
  });

  const undefinedFlags = rejects(
    'undefined-nop-flags-einval',
    'any nop_flags bit 6-31 gives -EINVAL whatever the defined bits ask for (a bad fd, a missing buffer, CQE32 on a plain ring)',
    'nop.flags.undefined',
    'EINVAL',
    fc.record({ c: breaking('nop.flags.undefined'), defined: fc.integer({ min: 0, max: NOP_FLAGS_6_18 }), fd: safeFd, nrBufs: fc.integer({ min: 0, max: 2 }), cqe32Ring: fc.boolean() }).map(({ c, defined, fd, nrBufs, cqe32Ring }) => {
      const w = withNopFlags(c, defined);
      return { sqe: { ...w.sqe, fd }, ctx: { ...w.ctx, nrBufs, setupFlags: (cqe32Ring ? w.ctx.setupFlags | IORING_SETUP_CQE32 : w.ctx.setupFlags & ~IORING_SETUP_CQE32) >>> 0 } };
    }),
  );

  const cqe32Ring = rejects(
    'cqe32-without-cqe32-ring-einval',
    'IORING_NOP_CQE32 on a ring without IORING_SETUP_CQE32 gives -EINVAL at prep, before a bad fd or a missing buffer is noticed',
    'nop.cqe32.ring',
    'EINVAL',
    fc.record({ c: breaking('nop.cqe32.ring'), issue: fc.integer({ min: 0, max: IORING_NOP_FILE | IORING_NOP_FIXED_FILE | IORING_NOP_FIXED_BUFFER | IORING_NOP_INJECT_RESULT }), fd: safeFd, nrBufs: fc.integer({ min: 0, max: 2 }) }).map(({ c, issue, fd, nrBufs }) => {
      const w = withNopFlags(c, issue);
      return { sqe: { ...w.sqe, fd }, ctx: { ...w.ctx, nrBufs } };
    }),
  );

  const fileBad = property<{ case: Case; rule: string }>({
    name: 'file-ebadf',
    description: 'IORING_NOP_FILE gives -EBADF for a closed fd and for any fd through the (empty) fixed-file table, IOSQE_FIXED_FILE included, even when the buffer is missing too or a result is injected',
    rules: ['nop.file.fixed-no-table', 'nop.file.not-open'],
    arbitrary: fc
      .record({ t: corrupted(validNop, [...nopCorruptionsFor(v, 'nop.file.fixed-no-table'), ...nopCorruptionsFor(v, 'nop.file.not-open')]), badBuffer: fc.boolean(), inject: fc.boolean() })
      .map(({ t, badBuffer, inject }) => {
        let c = inject ? withNopFlags(t.case, IORING_NOP_INJECT_RESULT) : t.case;
        if (badBuffer) c = { sqe: { ...withNopFlags(c, IORING_NOP_FIXED_BUFFER).sqe, buf_index: c.ctx.nrBufs }, ctx: c.ctx };
        return { case: c, rule: t.rule };
      }),
    cases: (t) => [t.case],
    check: (t, got) => expectResult(t.case, got[0]!, { res: negErrno('EBADF'), rule: t.rule, posted: true }),
  });

  const fixedFileIsAFile = property<Case>({
    name: 'fixed-file-flags-need-file',
    description: 'without IORING_NOP_FILE, IORING_NOP_FIXED_FILE and IOSQE_FIXED_FILE are not looked at: a valid NOP with them completes as without',
    rules: [],
    arbitrary: validNopCase.filter((c) => !(c.sqe.op_flags & IORING_NOP_FILE)),
    cases: (c) => [c, { ...c, sqe: { ...withNopFlags(c, IORING_NOP_FIXED_FILE).sqe, flags: c.sqe.flags | IOSQE_FIXED_FILE } }],
    check: (c, got) => sameOutcome(c, got[0]!, c, got[1]!, 'adding IORING_NOP_FIXED_FILE and IOSQE_FIXED_FILE without IORING_NOP_FILE'),
  });

  const fixedBuffer = property<{ case: Case; rule: string }>({
    name: 'fixed-buffer-efault',
    description: 'IORING_NOP_FIXED_BUFFER with no table or buf_index >= nr gives -EFAULT, which replaces an injected result',
    rules: ['nop.fixed-buffer.empty-table', 'nop.fixed-buffer.index-out-of-range'],
    arbitrary: fc
      .record({ t: corrupted(validNop, [...nopCorruptionsFor(v, 'nop.fixed-buffer.empty-table'), ...nopCorruptionsFor(v, 'nop.fixed-buffer.index-out-of-range')]), inject: fc.boolean() })
      .map(({ t, inject }) => ({ case: inject ? withNopFlags(t.case, IORING_NOP_INJECT_RESULT) : t.case, rule: t.rule })),
    cases: (t) => [t.case],
    check: (t, got) => expectResult(t.case, got[0]!, { res: negErrno('EFAULT'), rule: t.rule, posted: true }),
  });

  const injected = property<Case>({
    name: 'inject-result',
    description: 'IORING_NOP_INJECT_RESULT completes with (s32)len: negative values are failures, posted despite CQE_SKIP_SUCCESS',
    rules: ['nop.inject-result'],
    arbitrary: fc.record({ c: validNopCase, len: injectLen, skip: fc.boolean() }).map(({ c, len, skip }) => {
      const w = withNopFlags(c, IORING_NOP_INJECT_RESULT);
      return { ...w, sqe: { ...w.sqe, len, flags: skip ? (w.sqe.flags | IOSQE_CQE_SKIP_SUCCESS) & ~IOSQE_IO_DRAIN : w.sqe.flags } };
    }),
    cases: (c) => [c],
    check: (c, got) => {
      const res = c.sqe.len | 0;
      const posted = !(res >= 0 && c.sqe.flags & IOSQE_CQE_SKIP_SUCCESS);
      return expectResult(c, got[0]!, { res: posted ? res : 0, rule: 'nop.inject-result', posted });
    },
  });

  const iopollSame = property<Case>({
    name: 'iopoll-ring-same-outcome',
    description: 'NOP supports iopoll: any NOP gives the same outcome on an IORING_SETUP_IOPOLL ring as on the same ring without it',
    rules: [],
    arbitrary: anyNopCase(v),
    cases: (c) => [
      { ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~IORING_SETUP_IOPOLL) >>> 0 } },
      { ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags | IORING_SETUP_IOPOLL) >>> 0 } },
    ],
    check: (c, got) => {
      const plain = { ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~IORING_SETUP_IOPOLL) >>> 0 } };
      const polled = { ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags | IORING_SETUP_IOPOLL) >>> 0 } };
      return sameOutcome(plain, got[0]!, polled, got[1]!, 'the same NOP on an IOPOLL ring');
    },
  });

  return {
    definition: v.definition,
    valid: validNop,
    corruptions: nopCorruptions(v),
    wild: wildNopCase(v),
    fieldsRead: nopFieldsRead,
    otherSqe: safeFdSqe,
    validAccepted,
    describe: {
      checkOrder: 'a NOP that breaks several rules gets the errno of the first in check order (generic layer, undefined nop_flags, CQE32, file, buffer)',
      ignoredFields: 'rewriting the fields NOP does not read (user_data, splice_fd_in, addr3, __pad2, and fd/len/buf_index/off/addr unless a nop flag asks for them) does not change the outcome',
    },
    extras: [undefinedFlags, cqe32Ring, fileBad, fixedFileIsAFile, fixedBuffer, injected, iopollSame],
  };
}

/** Every property of nop version `v` that submits cases. */
export function nopProperties(v: MainlineVersion<NopRuleId>): readonly Property<unknown>[] {
  return standardProperties(nopDeclaration(v));
}
