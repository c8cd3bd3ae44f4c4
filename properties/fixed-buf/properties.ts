/**
 * The properties of a fixed-buf version (fixed-buf@6.15, fixed-buf@7.2). Each states one thing the spec promises, with its expected result
 * written from the spec (not asked of the model), so run against the model they check the model too.
 */
import fc from 'fast-check';
import { IORING_OP_READ, IORING_OP_READ_FIXED, IORING_OP_WRITE, IORING_OP_WRITE_FIXED, IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS } from '../../spec/constants.js';
import { fixedBufFieldsRead } from '../../spec/fixed-buf-6.15/fields.js';
import type { FixedBufRuleId } from '../../spec/fixed-buf-6.15/rules.js';
import type { MainlineVersion } from '../../spec/mainline-version.js';
import type { SpecDeclaration } from '../pack/declaration.js';
import { standardProperties } from '../pack/standard.js';
import { RWF_HIPRI } from '../../spec/mainline-constants.js';
import type { Case } from '../case.js';
import { expectResult, sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';
import { numberOfKind } from '../arbitraries/values.js';
import { corrupted } from '../common/corruption-kit.js';
import { rejectsEach } from '../common/rejects.js';
import { safeFd, safeFdSqe } from '../mainline/safe-values.js';
import { anyFixedBufCase, wildFixedBufCase } from './cases.js';
import { fixedBufCorruptions, fixedBufCorruptionsFor } from './corruptions.js';
import { expectedRwRes, validFixedBufCase, validIoprio, validRwCase } from './valid-case.js';

/** The success rule of a valid request, by opcode. */
const OK_RULE: Readonly<Record<number, FixedBufRuleId>> = {
  [IORING_OP_READ_FIXED]: 'fixed.read.ok',
  [IORING_OP_WRITE_FIXED]: 'fixed.write.ok',
  [IORING_OP_READ]: 'rw.read.ok',
  [IORING_OP_WRITE]: 'rw.write.ok',
};

/**
 * What a valid request completes with: its byte count, posted unless CQE_SKIP_SUCCESS is set and
 * the transfer was full (a short one is a failure for the flag); with nothing posted, res is 0
 * (there is no CQE to read it from).
 */
function expectedTransfer(c: Case): { res: number; posted: boolean } {
  const bytes = expectedRwRes(c);
  const posted = !(c.sqe.flags & IOSQE_CQE_SKIP_SUCCESS) || bytes < c.sqe.len;
  return { res: posted ? bytes : 0, posted };
}

/**
 * Adds failures that only come later in the order (an unknown rw_flags bit, RWF_HIPRI, an IOPOLL
 * ring), each with probability 1/2: they must not change a trial's earlier verdict.
 */
function withLaterTrouble(t: { case: Case; rule: FixedBufRuleId }, bits: number): { case: Case; rule: FixedBufRuleId } {
  const c = t.case;
  let opFlags = c.sqe.op_flags;
  if (bits & 1) opFlags |= 1 << 9;
  if (bits & 2) opFlags |= RWF_HIPRI;
  const setupFlags = bits & 4 ? c.ctx.setupFlags | IORING_SETUP_IOPOLL : c.ctx.setupFlags;
  return { case: { sqe: { ...c.sqe, op_flags: opFlags >>> 0 }, ctx: { ...c.ctx, setupFlags: setupFlags >>> 0 } }, rule: t.rule };
}

/** What fixed-buf version `v` declares; its standard properties derive from it. */
export function fixedBufDeclaration(v: MainlineVersion<FixedBufRuleId>): SpecDeclaration<FixedBufRuleId> {
  /** Corruptions of these rules, as {case, rule} trials. */
  const breakingAny = (rules: readonly FixedBufRuleId[]) => corrupted(validRwCase, rules.flatMap((r) => fixedBufCorruptionsFor(v, r)));


  const validTransfers = property<Case>({
    name: 'valid-transfers',
    description: 'a valid READ_FIXED/READ moves min(len, max(0, 65536 - off)) bytes, a valid WRITE_FIXED/WRITE len bytes; with CQE_SKIP_SUCCESS only a short transfer is posted',
    rules: ['fixed.read.ok', 'fixed.write.ok', 'rw.read.ok', 'rw.write.ok'],
    arbitrary: validFixedBufCase,
    cases: (c) => [c],
    check: (c, got) => expectResult(c, got[0]!, { ...expectedTransfer(c), rule: OK_RULE[c.sqe.opcode]! }),
  });

  const prepRejects = rejectsEach(
    v.definition,
    'prep-rejects-before-issue',
    'an ioprio ioprio_check_cap refuses, or an attr_type_mask other than 0 and PI, gives -EINVAL at prep: before a closed fd, a bad buffer or a bad rw_flags is noticed',
    fc
      .record({ t: breakingAny(['rw.ioprio.invalid', 'rw.attr.unsupported']), fd: safeFd, badIndex: fc.boolean(), later: fc.integer({ min: 0, max: 7 }) })
      .map(({ t, fd, badIndex, later }) => {
        const w = withLaterTrouble(t, later);
        return { case: { ...w.case, sqe: { ...w.case.sqe, fd, buf_index: badIndex ? 0xffff : w.case.sqe.buf_index } }, rule: t.rule };
      }),
    ['rw.ioprio.invalid', 'rw.attr.unsupported'],
  );

  const ioprioRead = property<{ case: Case; ioprio: number }>({
    name: 'ioprio-is-read-not-rejected',
    description: 'the rw ops read ioprio: any value ioprio_check_cap accepts (hints, best-effort, idle) gives the same outcome as ioprio 0',
    rules: [],
    arbitrary: fc.record({ case: anyFixedBufCase(v), ioprio: validIoprio.filter((p) => p !== 0) }),
    cases: (t) => [{ ...t.case, sqe: { ...t.case.sqe, ioprio: 0 } }, { ...t.case, sqe: { ...t.case.sqe, ioprio: t.ioprio } }],
    check: (t, got) => sameOutcome({ ...t.case, sqe: { ...t.case.sqe, ioprio: 0 } }, got[0]!, { ...t.case, sqe: { ...t.case.sqe, ioprio: t.ioprio } }, got[1]!, `ioprio 0x${t.ioprio.toString(16)} instead of 0`),
  });

  const fileBad = rejectsEach(
    v.definition,
    'file-ebadf',
    'a closed fd, or IOSQE_FIXED_FILE with no file table, gives -EBADF before the buffer, buffer selection, rw_flags, IOPOLL or HIPRI are looked at',
    fc
      .record({ t: breakingAny(['rw.file.fixed-no-table', 'rw.file.not-open']), badBuffer: fc.integer({ min: 0, max: 2 }), later: fc.integer({ min: 0, max: 7 }) })
      .map(({ t, badBuffer, later }) => {
        const w = withLaterTrouble(t, later).case;
        // 1: no buffers at all (a fixed op's import would fail); 2: READ with buffer selection
        const c = badBuffer === 1 ? { ...w, ctx: { ...w.ctx, nrBufs: 0 } } : badBuffer === 2 && w.sqe.opcode === IORING_OP_READ ? { ...w, sqe: { ...w.sqe, flags: w.sqe.flags | IOSQE_BUFFER_SELECT } } : w;
        return { case: c, rule: t.rule };
      }),
    ['rw.file.fixed-no-table', 'rw.file.not-open'],
  );

  const IMPORT: FixedBufRuleId[] = ['fixed.import.empty-table', 'fixed.import.index-out-of-range', 'fixed.import.outside-buffer'];

  const importFaults = rejectsEach(
    v.definition,
    'fixed-import-efault',
    'READ_FIXED/WRITE_FIXED with no table, buf_index >= nr, or a range outside the buffer give -EFAULT at issue, before rw_flags, IOPOLL and HIPRI are looked at',
    fc.record({ t: breakingAny(IMPORT), later: fc.integer({ min: 0, max: 7 }) }).map(({ t, later }) => withLaterTrouble(t, later)),
    IMPORT,
  );

  const bufferSelect = rejectsEach(
    v.definition,
    'read-buffer-select-enobufs',
    'READ supports IOSQE_BUFFER_SELECT, so it passes the generic layer, but with no buffers provided it gives -ENOBUFS, before rw_flags, IOPOLL and HIPRI',
    fc.record({ t: breakingAny(['rw.read.buffer-select.no-buffers']), later: fc.integer({ min: 0, max: 7 }) }).map(({ t, later }) => withLaterTrouble(t, later)),
    ['rw.read.buffer-select.no-buffers'],
  );

  const INIT_FILE: FixedBufRuleId[] = ['rw.flags.unknown', 'rw.iopoll.buffered-file', 'rw.flags.hipri-no-iopoll'];

  const initFile = rejectsEach(
    v.definition,
    'init-file-rejects',
    'after the buffer, io_rw_init_file refuses an unknown rw_flags bit (-EOPNOTSUPP), any request on an IOPOLL ring (-EOPNOTSUPP: the scratch file is buffered) and RWF_HIPRI elsewhere (-EINVAL)',
    breakingAny(INIT_FILE),
    INIT_FILE,
  );

  const plainIgnoresIndex = property<{ case: Case; index: number }>({
    name: 'plain-rw-ignores-buf-index',
    description: 'plain READ/WRITE do not look at buf_index: any index, past the table included, moves the same bytes',
    rules: ['rw.read.ok', 'rw.write.ok'],
    arbitrary: fc.record({ case: validRwCase([IORING_OP_READ, IORING_OP_WRITE]), index: numberOfKind('u16', [4, 5, 7]) }),
    cases: (t) => [t.case, { ...t.case, sqe: { ...t.case.sqe, buf_index: t.index } }],
    check: (t, got) => {
      const want = { ...expectedTransfer(t.case), rule: OK_RULE[t.case.sqe.opcode]! };
      return expectResult(t.case, got[0]!, want) ?? expectResult({ ...t.case, sqe: { ...t.case.sqe, buf_index: t.index } }, got[1]!, want);
    },
  });

  return {
    definition: v.definition,
    valid: validRwCase,
    corruptions: fixedBufCorruptions(v),
    wild: wildFixedBufCase(v),
    fieldsRead: fixedBufFieldsRead,
    otherSqe: safeFdSqe,
    validAccepted: validTransfers,
    describe: {
      checkOrder: 'a request that breaks several rules gets the errno of the first in check order (generic layer, prep, file, buffer, rw_flags, IOPOLL, HIPRI)',
      ignoredFields: 'rewriting the fields the rw ops do not read (user_data, addr3, write_stream at 44..47, and buf_index for plain READ/WRITE) does not change the outcome',
    },
    extras: [prepRejects, ioprioRead, fileBad, importFaults, bufferSelect, initFile, plainIgnoresIndex],
  };
}

/** Every property of fixed-buf version `v` that submits cases. */
export function fixedBufProperties(v: MainlineVersion<FixedBufRuleId>): readonly Property<unknown>[] {
  return standardProperties(fixedBufDeclaration(v));
}
