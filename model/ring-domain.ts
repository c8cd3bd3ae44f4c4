/**
 * Ring contexts a kernel cannot set up are outside every mainline spec's domain: predicting a
 * result for them would be a guess. io_uring_setup refuses IORING_SETUP_CQE32 together with
 * IORING_SETUP_CQE_MIXED (-EINVAL, io_uring_sanitise_params, 6.18; seen by a fuzz of the kernel).
 */
import type { RingContext } from '../spec/context.js';
import { IORING_SETUP_CQE32, IORING_SETUP_CQE_MIXED } from '../spec/mainline-constants.js';

/** null when a kernel can set the ring up; else why not. */
export function ringSetupDomain(ctx: RingContext | undefined): string | null {
  if (ctx && ctx.setupFlags & IORING_SETUP_CQE32 && ctx.setupFlags & IORING_SETUP_CQE_MIXED) {
    return 'setupFlags: IORING_SETUP_CQE32 with IORING_SETUP_CQE_MIXED is refused by io_uring_setup (-EINVAL); no ring, no result to predict';
  }
  return null;
}
