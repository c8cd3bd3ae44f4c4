/**
 * The bpf@v1 properties. Each states one thing the spec promises, with its expected errno written
 * from the spec (not asked of the model), so run against the model they check the model too.
 */
import fc from 'fast-check';
import { decodeBpfOpFlags, encodeBpfOpFlags } from '../../spec/bpf-op-flags.js';
import { BPF_V1_VERSION, type BpfV1CheckId } from '../../spec/bpf-v1/index.js';
import { dataDiff } from '../../spec/bpf-v1/data.js';
import { IOSQE_CQE_SKIP_SUCCESS } from '../../spec/constants.js';
import type { GenericRuleId } from '../../spec/generic-layer.js';
import type { Case } from '../case.js';
import { expectResult } from '../checks.js';
import { property, type Property } from '../property.js';
import { numberOfKind } from '../arbitraries/values.js';
import { corrupted, corruptionsFor } from '../common/corruption-kit.js';
import { rejects, rejectsEach } from '../common/rejects.js';
import { bpfCorruptionsOf } from '../bpf/corruptions.js';
import { bpfDeclaration } from '../bpf/declaration.js';
import { nrBufsArb, validBpfCaseOf } from '../bpf/valid-case.js';
import { standardProperties } from '../pack/standard.js';
import { expectedBpfData } from './expected-data.js';

type Id = GenericRuleId | BpfV1CheckId;
const BPF_V1 = BPF_V1_VERSION.definition;
const IORING_SETUP_BPF = BPF_V1_VERSION.setupFlag.value;
const validBpf = validBpfCaseOf(BPF_V1_VERSION);
const validBpfCase = validBpf();
const CORRUPTIONS = bpfCorruptionsOf(BPF_V1_VERSION);

/** One rule broken on top of a valid request. */
const breaking = (rule: Id) => corrupted(validBpf, corruptionsFor(CORRUPTIONS, rule)).map((x) => x.case);

/** Sets buffer types on a case (any 0-7) without touching anything else. */
function withTypes(c: Case, buf1: number, buf2: number): Case {
  const f = decodeBpfOpFlags(c.sqe.op_flags);
  return { ...c, sqe: { ...c.sqe, op_flags: encodeBpfOpFlags({ ...f, buf1_type: buf1, buf2_type: buf2 }) } };
}

const validAccepted = property<Case>({
  name: 'valid-combinations-accepted',
  description: 'every valid buffer combination with a registered op gives res 0 and the uring_bpf_data the patch describes',
  rules: ['bpf.prep.ok'],
  needsRegisteredOps: true,
  arbitrary: validBpfCase,
  cases: (c) => [c],
  check: (c, got, _model, env) => {
    const posted = !(c.sqe.flags & IOSQE_CQE_SKIP_SUCCESS);
    const bad = expectResult(c, got[0]!, { res: 0, rule: 'bpf.prep.ok', posted });
    if (bad || !env.data) return bad;
    const want = expectedBpfData(c.sqe);
    const g = got[0]!;
    if (!g.data) return { case: c, expected: { res: 0, rule: 'bpf.prep.ok', posted }, actual: g, message: 'res 0 but no uring_bpf_data' };
    const diff = dataDiff(want, g.data);
    if (diff.length === 0) return null;
    const parts = diff.map((k) => `${k}: expected ${String(want[k])}, got ${String(g.data![k])}`);
    return { case: c, expected: { res: 0, rule: 'bpf.prep.ok', posted }, actual: g, message: `uring_bpf_data differs: ${parts.join('; ')}` };
  },
});

const setupMissing = rejects(
  'no-setup-flag-eacces',
  'a ring without IORING_SETUP_BPF gives -EACCES whatever bpf_op_flags and the buffer fields hold',
  'bpf.setup.missing',
  'EACCES',
  fc
    .record({ c: validBpfCase, opFlags: numberOfKind('u32', [0x3ffff, 0xff000000]), nrBufs: fc.oneof(fc.constant(0), nrBufsArb), bufIndex: numberOfKind('u16'), ops: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }) })
    .map(({ c, opFlags, nrBufs, bufIndex, ops }) => ({
      sqe: { ...c.sqe, op_flags: opFlags, buf_index: bufIndex },
      ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~IORING_SETUP_BPF) >>> 0, nrBufs, ops: [...new Set(ops)].sort((a, b) => a - b) },
    })),
);

const customRejected = rejects(
  'custom-flags-einval',
  'any custom flag (bits 17-0) gives -EINVAL whatever the buffer bits, table and op',
  'bpf.custom-flags.set',
  'EINVAL',
  fc
    .record({ c: breaking('bpf.custom-flags.set'), buf1: fc.integer({ min: 0, max: 7 }), buf2: fc.integer({ min: 0, max: 7 }), nrBufs: fc.oneof(fc.constant(0), nrBufsArb), ops: fc.boolean() })
    .map(({ c, buf1, buf2, nrBufs, ops }) => {
      const t = withTypes(c, buf1, buf2);
      return { ...t, ctx: { ...t.ctx, nrBufs, ops: ops ? t.ctx.ops : [] } };
    }),
);

/** A mask one bit short (17 bits) misses only bit 17: every bit alone, on an otherwise valid request, is its own trial. */
const eachCustomBit = rejects(
  'each-custom-bit-einval',
  'each custom flag bit alone (0-17, the top one included) on an otherwise valid request gives -EINVAL',
  'bpf.custom-flags.set',
  'EINVAL',
  fc.record({ c: validBpfCase, bit: fc.integer({ min: 0, max: 17 }) }).map(({ c, bit }) => ({ ...c, sqe: { ...c.sqe, op_flags: encodeBpfOpFlags({ ...decodeBpfOpFlags(c.sqe.op_flags), custom: 1 << bit }) } })),
);

/** Buffer 1 of type `buf1(c)`, buffer 2 of any type, the op registered or not: what a buffer-1 error must not depend on. */
function anyBuf2AnyOp(arb: fc.Arbitrary<Case>, buf1: (c: Case) => number): fc.Arbitrary<Case> {
  return fc.record({ c: arb, buf2: fc.integer({ min: 0, max: 7 }), ops: fc.boolean() }).map(({ c, buf2, ops }) => {
    const t = withTypes(c, buf1(c), buf2);
    return { ...t, ctx: { ...t.ctx, ops: ops ? t.ctx.ops : [] } };
  });
}

const reservedBuf1 = rejects('buf1-reserved-type-einval', 'buffer-1 types 3-7 give -EINVAL, whatever buffer 2 holds and whether the op is registered', 'bpf.buf1.type.reserved', 'EINVAL',
  anyBuf2AnyOp(breaking('bpf.buf1.type.reserved'), (c) => decodeBpfOpFlags(c.sqe.op_flags).buf1_type));

const BUF2: Id[] = ['bpf.buf2.type.fixed', 'bpf.buf2.type.reserved'];

// both rules are -EINVAL in the catalogue
const buf2NotPlain = rejectsEach(
  BPF_V1,
  'buf2-not-plain-einval',
  'buffer-2 types other than none and plain give -EINVAL: 2 (buffer 2 can never be fixed) and 3-7 (reserved)',
  corrupted(validBpf, BUF2.flatMap((r) => corruptionsFor(CORRUPTIONS, r))),
  BUF2,
);

const emptyTable = rejects('fixed-empty-table-efault', 'a fixed buffer 1 with no registered buffers gives -EFAULT, even with a reserved buffer 2 or an unregistered op', 'bpf.buf1.fixed.empty-table', 'EFAULT',
  anyBuf2AnyOp(breaking('bpf.buf1.fixed.empty-table'), () => 2));

const indexOutOfRange = rejects('fixed-index-out-of-range-einval', 'a fixed buffer 1 with buf_index >= nr (nr, nr + 1, 65535, ...) gives -EINVAL', 'bpf.buf1.fixed.index-out-of-range', 'EINVAL',
  breaking('bpf.buf1.fixed.index-out-of-range'));

const unregistered = rejects('unregistered-op-eopnotsupp', 'a valid request for an op id without a prep_fn gives -EOPNOTSUPP', 'bpf.op.unregistered', 'EOPNOTSUPP',
  breaking('bpf.op.unregistered'));

/** bpf@v1's own properties: stronger per-rule ones (other bits varied), beside the derived standard ones. */
const EXTRAS: readonly Property<unknown>[] = [setupMissing, customRejected, eachCustomBit, reservedBuf1, buf2NotPlain, emptyTable, indexOutOfRange, unregistered];

/** Every bpf@v1 property that submits cases. */
export const BPF_V1_PROPERTIES: readonly Property<unknown>[] = standardProperties(bpfDeclaration(BPF_V1_VERSION, { validAccepted, extras: EXTRAS }));
