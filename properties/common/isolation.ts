/**
 * batch-isolation: a case's outcome must not depend on the other cases in its batch. Backends
 * run a batch's cases one after another, and a live kernel backend keeps rings around between
 * cases; a request flagged IOSQE_IO_LINK, IOSQE_IO_HARDLINK or IOSQE_IO_DRAIN is the kind of
 * neighbour that could leave something behind (a link chain, a drain in progress). Spec-agnostic:
 * any spec's case mix will do.
 */
import fc from 'fast-check';
import { IOSQE_IO_DRAIN, IOSQE_IO_HARDLINK, IOSQE_IO_LINK } from '../../spec/constants.js';
import type { Case } from '../case.js';
import { sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';

/** One trial: a case, and the linking case run between its two runs. */
export interface IsolationTrial {
  neighbour: Case;
  linker: Case;
}

/** The flags that make a request reach past itself: link, hard link, drain, alone or together. */
const LINKING_FLAGS = fc.subarray([IOSQE_IO_LINK, IOSQE_IO_HARDLINK, IOSQE_IO_DRAIN], { minLength: 1 }).map((bits) => bits.reduce((a, b) => a | b, 0));

/**
 * The batch-isolation property over a spec's cases: [neighbour, linker, neighbour], where the
 * linker is another case with link/hardlink/drain flags set, half the time in the neighbour's
 * own ring context (so a backend that reuses a ring per context shares it between them). The two
 * runs of the neighbour must have the same outcome.
 */
export function isolationProperty(anyCase: fc.Arbitrary<Case>): Property<unknown> {
  const arbitrary: fc.Arbitrary<IsolationTrial> = fc.record({ neighbour: anyCase, other: anyCase, flags: LINKING_FLAGS, sameRing: fc.boolean() }).map(({ neighbour, other, flags, sameRing }) => ({
    neighbour,
    linker: { sqe: { ...other.sqe, flags: other.sqe.flags | flags }, ctx: sameRing ? neighbour.ctx : other.ctx },
  }));
  return property<IsolationTrial>({
    name: 'batch-isolation',
    description: 'a case gives the same outcome before and after a neighbour flagged IOSQE_IO_LINK / IOSQE_IO_HARDLINK / IOSQE_IO_DRAIN in the same batch',
    rules: [],
    arbitrary,
    cases: (t) => [t.neighbour, t.linker, t.neighbour],
    check: (t, got) => sameOutcome(t.neighbour, got[0]!, t.neighbour, got[2]!, 'the same case after a linking neighbour'),
  });
}
