/** A check report's exit code (exit-codes.ts): what ran, what failed, what was allowed not to run. */
import type { CheckReport } from '../report/json.js';
import { EXIT } from './exit-codes.js';

/** Which incomplete runs still count as passed. */
export interface VerdictOptions {
  /** Nothing ran because the backend cannot run the spec: 0 instead of 77. */
  allowSkip?: boolean;
  /** --time-budget left properties unrun: 0 instead of 1. */
  allowPartial?: boolean;
  /** Names of properties that never send a case to the backend (they do not count as "ran"). */
  offline?: readonly string[];
}

/** The exit code for a check report. */
export function checkExitCode(r: CheckReport, o: VerdictOptions = {}): number {
  if (r.status === 'failed' || r.properties.some((p) => p.status === 'failed')) return EXIT.failed;
  const ran = r.properties.filter((p) => p.status === 'passed' && !(o.offline ?? []).includes(p.name)).length;
  if (r.status === 'skipped' || ran === 0) return o.allowSkip ? EXIT.passed : EXIT.skipped;
  if (r.properties.some((p) => p.status === 'not-run') && !o.allowPartial) return EXIT.failed;
  return EXIT.passed;
}
