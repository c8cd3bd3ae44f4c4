/** An outcome as JSON, the same in run, replay and reports: res, errno name, rule, data (u64 as hex strings), posted. */
import type { Outcome } from '../model/outcome.js';
import { resName } from '../spec/errno.js';
import { hexBigints } from './json-fields.js';

export function outcomeJson(o: Outcome): Record<string, unknown> {
  const data = o.data ? hexBigints(o.data) : null;
  const out: Record<string, unknown> = { res: o.res, errno: resName(o.res), rule: o.rule ?? null, data, posted: o.posted };
  if (o.anomaly) out.anomaly = o.anomaly;
  return out;
}
