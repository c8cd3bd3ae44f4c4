/**
 * The corruptions of the 6.18 generic layer (io_init_req), shared by the mainline specs. In
 * mainline/, not common/: it encodes the 6.18 check list (IORING_OP_LAST = 63, the drain/skip
 * check), which bpf@v1's older generic layer does not have.
 */
import fc from 'fast-check';
import { IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN } from '../../spec/constants.js';
import { IORING_OP_LAST_6_18 } from '../../spec/mainline-constants.js';
import { boundedInt } from '../arbitraries/values.js';
import type { Corruption } from '../common/corruption-kit.js';

/** The 6.18 generic-layer corruptions for a spec's ops; `ioprio` only for specs whose ops reject any ioprio. */
export function genericCorruptions618(opts: { bufferSelectOps: readonly number[]; ioprioRejected: boolean }): Corruption[] {
  const out: Corruption[] = [
    {
      rule: 'generic.opcode.invalid',
      slot: 'opcode',
      // 63 is IORING_OP_LAST on 6.18; 127/128 the sign boundary of a byte
      param: boundedInt(IORING_OP_LAST_6_18, 255, [IORING_OP_LAST_6_18 + 1, 127, 128, 254]),
      apply: (c, op) => ({ ...c, sqe: { ...c.sqe, opcode: op } }),
    },
    { rule: 'generic.flags.undefined', slot: 'flag-bit7', param: fc.constant(0x80), apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }) },
    {
      rule: 'generic.buffer-select.unsupported',
      slot: 'buffer-select',
      ops: opts.bufferSelectOps,
      param: fc.constant(IOSQE_BUFFER_SELECT),
      apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }),
    },
    {
      rule: 'generic.drain.skip-success',
      slot: 'drain-skip',
      param: fc.constant(IOSQE_IO_DRAIN | IOSQE_CQE_SKIP_SUCCESS),
      apply: (c, b) => ({ ...c, sqe: { ...c.sqe, flags: c.sqe.flags | b } }),
    },
    {
      rule: 'generic.personality.unregistered',
      slot: 'personality',
      // the first id past the registered ones, one more, and the largest u16
      param: fc.oneof(fc.constantFrom(1, 2, 0xffff), fc.integer({ min: 1, max: 0xffff })),
      apply: (c, p) => ({ ...c, sqe: { ...c.sqe, personality: Math.min(0xffff, c.ctx.personalities + p) } }),
    },
  ];
  if (opts.ioprioRejected) {
    out.splice(4, 0, { rule: 'generic.ioprio.unsupported', slot: 'ioprio', param: boundedInt(1, 0xffff, [0x8000, 7 << 13, 1 << 13]), apply: (c, p) => ({ ...c, sqe: { ...c.sqe, ioprio: p } }) });
  }
  return out;
}
