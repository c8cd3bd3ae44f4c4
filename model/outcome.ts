/** What a backend reports for one case, and what the model predicts. */
import type { UringBpfData } from '../spec/bpf-v1/data.js';

/** One case's result: the CQE's res, whether a CQE was posted, and the program-visible data. */
export interface Outcome {
  /** cqe->res: 0 or a byte count on success, -errno on failure. */
  res: number;
  /** Whether a completion was posted (false for a successful IOSQE_CQE_SKIP_SUCCESS request). */
  posted: boolean;
  /** uring_bpf_data after a successful prep, when the implementation exposes it; else null. */
  data: UringBpfData | null;
  /** The rule that decided, when the implementation knows it (the model always does). */
  rule?: string;
  /** Something the backend saw that is not a spec outcome (timeout, SQE not consumed, ...). */
  anomaly?: string;
}

/** A model's verdict: an Outcome with its rule. */
export interface ModelOutcome extends Outcome {
  rule: string;
}
