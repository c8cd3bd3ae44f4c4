/** Ring setup flags every spec's generators may draw freely. */
import {
  IORING_SETUP_COOP_TASKRUN,
  IORING_SETUP_SINGLE_ISSUER,
  IORING_SETUP_SUBMIT_ALL,
} from '../../spec/constants.js';

/**
 * Setup flags a live kernel accepts alone (6.18, and one with the BPF series) and that change
 * nothing any spec models: neither the generic layer nor an op's prep looks at them. Flags a spec
 * does model (IORING_SETUP_IOPOLL, IORING_SETUP_CQE32, IORING_SETUP_BPF) are drawn where it does.
 */
export const HARMLESS_SETUP_FLAGS = [0, IORING_SETUP_SUBMIT_ALL, IORING_SETUP_COOP_TASKRUN, IORING_SETUP_SINGLE_ISSUER] as const;
