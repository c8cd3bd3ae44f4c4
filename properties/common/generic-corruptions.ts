/**
 * The corruptions of the generic io_init_req layer, one per generic rule, for any kernel
 * version's layer (spec/generic-layer.ts): every spec composes them with its own.
 */
import fc from 'fast-check';
import { IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN } from '../../spec/constants.js';
import type { GenericLayer, GenericRuleId } from '../../spec/generic-layer.js';
import { boundedInt } from '../arbitraries/values.js';
import type { Corruption } from './corruption-kit.js';
import type { Case } from '../case.js';
import { IORING_SETUP_SQE128 } from '../../spec/mainline-constants.js';

/** Which generic rules a spec's ops can reach (as in genericRules). */
export interface GenericCorruptionOptions {
  /** Opcodes whose valid cases may get IOSQE_BUFFER_SELECT (those without buffer_select). */
  readonly bufferSelectOps: readonly number[] | undefined;
  /** Whether the ops reject a nonzero ioprio. */
  readonly ioprioRejected: boolean;
  /** Whether the ops refuse an IORING_SETUP_IOPOLL ring. */
  readonly iopollRejected: boolean;
  /** The spec's 128-byte ops (IORING_OP_NOP128 on 7.2): each is refused on a ring without IORING_SETUP_SQE128. */
  readonly ops128?: readonly number[];
}

/** The generic-layer corruptions of `layer` for a spec's ops, in check order. */
export function genericCorruptions(layer: GenericLayer, opts: GenericCorruptionOptions): Corruption<GenericRuleId>[] {
  const out: Corruption<GenericRuleId>[] = [
    {
      rule: 'generic.opcode.invalid',
      slot: 'opcode',
      // opLast itself, the next one, 127/128 the sign boundary of a byte
      param: boundedInt(layer.opLast, 255, [layer.opLast + 1, 127, 128, 254]),
      apply: (c, op) => ({ ...c, sqe: { ...c.sqe, opcode: op } }),
    },
    ...(opts.ops128?.length
      ? [
          {
            rule: 'generic.sqe128.required' as const,
            // the opcode's slot: the request becomes a 128-byte op, on a ring of 64-byte SQEs
            slot: 'opcode',
            param: fc.constantFrom(...opts.ops128),
            apply: (c: Case, op: number): Case => ({ sqe: { ...c.sqe, opcode: op }, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags & ~IORING_SETUP_SQE128) >>> 0 } }),
          },
        ]
      : []),
    { rule: 'generic.flags.undefined', slot: 'flag-bit7', param: fc.constant(0x80), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }) },
    {
      rule: 'generic.buffer-select.unsupported',
      slot: 'buffer-select',
      ...(opts.bufferSelectOps ? { ops: opts.bufferSelectOps } : {}),
      param: fc.constant(IOSQE_BUFFER_SELECT),
      apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }),
    },
    {
      rule: 'generic.drain.skip-success',
      slot: 'drain-skip',
      param: fc.constant(IOSQE_IO_DRAIN | IOSQE_CQE_SKIP_SUCCESS),
      apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }),
    },
  ];
  if (opts.ioprioRejected) {
    out.push({ rule: 'generic.ioprio.unsupported', slot: 'ioprio', param: boundedInt(1, 0xffff, [0x8000, 7 << 13, 1 << 13]), apply: (c, p) => ({ ...c, sqe: { ...c.sqe, ioprio: p } }) });
  }
  if (opts.iopollRejected) {
    out.push({ rule: 'generic.iopoll.unsupported', slot: 'iopoll', param: fc.constant(IORING_SETUP_IOPOLL), apply: (c, f) => ({ ...c, ctx: { ...c.ctx, setupFlags: (c.ctx.setupFlags | f) >>> 0 } }) });
  }
  out.push({
    rule: 'generic.personality.unregistered',
    slot: 'personality',
    // the first id past the registered ones, one more, and the largest u16
    param: fc.oneof(fc.constantFrom(1, 2, 0xffff), fc.integer({ min: 1, max: 0xffff })),
    apply: (c, p) => ({ ...c, sqe: { ...c.sqe, personality: Math.min(0xffff, c.ctx.personalities + p) } }),
  });
  return out;
}
