/**
 * Field values and contexts every mainline generator draws from: flags and setup flags that change
 * nothing the specs model, descriptors that are the scratch file or certainly closed, small tables.
 */
import fc from 'fast-check';
import {
  IORING_SETUP_COOP_TASKRUN,
  IORING_SETUP_SINGLE_ISSUER,
  IORING_SETUP_SUBMIT_ALL,
  IOSQE_ASYNC,
  IOSQE_CQE_SKIP_SUCCESS,
  IOSQE_IO_DRAIN,
  IOSQE_IO_HARDLINK,
  IOSQE_IO_LINK,
} from '../../spec/constants.js';
import { CLOSED_FDS, SCRATCH_FD } from '../../spec/mainline-constants.js';

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

/**
 * Setup flags a live 6.18 kernel accepts alone and that change nothing the specs model.
 * (IORING_SETUP_IOPOLL and IORING_SETUP_CQE32 are drawn where a spec models them.)
 */
export const HARMLESS_SETUP_FLAGS = [0, IORING_SETUP_SUBMIT_ALL, IORING_SETUP_COOP_TASKRUN, IORING_SETUP_SINGLE_ISSUER] as const;

/** Descriptors a mainline case may name: the scratch file or one no implementation has open. */
export const safeFd: fc.Arbitrary<number> = fc.constantFrom(SCRATCH_FD, ...CLOSED_FDS);
/** A descriptor that is certainly not open (see CLOSED_FDS). */
export const closedFd: fc.Arbitrary<number> = fc.constantFrom(...CLOSED_FDS);

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
