/**
 * Field values and contexts every mainline generator draws from: flags that change nothing the
 * specs model, descriptors that are the scratch file or certainly closed, small tables. In
 * mainline/, not common/: it describes the mainline exec world (the scratch file at fd 100, the
 * 6.18 drain/skip rule, tables the kernel backend pins per ring), which bpf@v1's cases do not
 * live in. (The setup flags every spec shares are in common/setup-flags.ts.)
 */
import fc from 'fast-check';
import { IOSQE_ASYNC, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN, IOSQE_IO_HARDLINK, IOSQE_IO_LINK } from '../../spec/constants.js';
import { CLOSED_FDS, SCRATCH_FD } from '../../spec/mainline-constants.js';
import type { Sqe } from '../../spec/sqe-layout.js';
import { anySqe } from '../arbitraries/sqe.js';

/**
 * sqe.flags bits that leave a lone request's result alone. IO_DRAIN and CQE_SKIP_SUCCESS never
 * together (that is the generic.drain.skip-success rule); CQE_SKIP_SUCCESS only hides a success.
 */
export const HARMLESS_SQE_FLAGS = [IOSQE_IO_DRAIN, IOSQE_IO_LINK, IOSQE_IO_HARDLINK, IOSQE_ASYNC, IOSQE_CQE_SKIP_SUCCESS] as const;

/** A harmless sqe.flags value: any subset of HARMLESS_SQE_FLAGS without DRAIN and SKIP together. */
export const harmlessFlags: fc.Arbitrary<number> = fc.subarray([...HARMLESS_SQE_FLAGS]).map((bits) => {
  const f = bits.reduce((a, b) => a | b, 0);
  return f & IOSQE_CQE_SKIP_SUCCESS ? f & ~IOSQE_IO_DRAIN : f;
});

/** Descriptors a mainline case may name: the scratch file or one no implementation has open. */
export const safeFd: fc.Arbitrary<number> = fc.constantFrom(SCRATCH_FD, ...CLOSED_FDS);
/** A descriptor that is certainly not open (see CLOSED_FDS). */
export const closedFd: fc.Arbitrary<number> = fc.constantFrom(...CLOSED_FDS);

/** An SQE to take ignored fields from: anything, but fd only from the safe set. */
export const safeFdSqe: fc.Arbitrary<Sqe> = fc.record({ sqe: anySqe, fd: safeFd }).map(({ sqe, fd }) => ({ ...sqe, fd }));

/**
 * Registered buffer tables stay small (0-4): index boundaries are relative to nr, and the kernel
 * backend registers (pins) every buffer of the table for each ring it sets up.
 */
export const nrBufsArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) });
/** Buffer sizes the kernel backend registers cheaply: a page, and a 64 KiB buffer as large as the file. */
export const bufSizeArb = fc.constantFrom(4096, 65536);
/** Registered personalities: 0-2 are enough to put a personality on either side of n. */
export const personalitiesArb = fc.integer({ min: 0, max: 2 });

/** The personality a valid case uses: 0, or one of 1..n. */
export function pickPersonality(n: number, pick: number): number {
  return n === 0 || pick % 2 === 0 ? 0 : 1 + (pick % n);
}
