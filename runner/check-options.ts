/**
 * What a check is asked to do and what it returns, for single-SQE and stateful checks alike
 * (check.ts, stateful-check.ts).
 */
import type { Backend, Capabilities } from './backend.js';
import type { SpecBundle } from '../registry/specs.js';
import type { Case } from '../properties/case.js';
import type { StepSequence } from '../spec/stateful/step.js';
import type { PropertyResult } from './result.js';
import type { Shard } from './shard.js';
import type { Sequence } from './sequence.js';

/** What to run. */
export interface CheckOptions {
  seed: number;
  /** Cases per property. */
  runs: number;
  batchSize?: number;
  /** Seconds after which no new batch starts (the run then reports what ran). */
  timeBudget?: number;
  shard?: Shard;
  /** Only properties whose name is listed. */
  only?: readonly string[];
  /** Regression cases replayed first, before any random case (property 'corpus-replay'). */
  corpus?: readonly Case[];
  /** Regression sequences, each replayed as one batch before the corpus's single cases. */
  corpusSequences?: readonly Sequence[];
  /** A stateful spec's regression sequences, each replayed on one ring before any random one. */
  corpusRings?: readonly StepSequence[];
  /** Enumerate the spec's equivalence classes instead of sampling (property 'exhaustive'). */
  exhaustive?: boolean;
  /** Bound on the time spent shrinking one failure (see RunOptions.shrinkTimeMs). */
  shrinkTimeMs?: number;
  /** Replays of a failure before it is reported (see RunOptions.replays). */
  replays?: number;
  onProgress?(p: { property: string; casesDone: number; totalCases: number; rulesFired: number }): void;
  /** Called with each property's result as it ends (a command interrupted mid-run reports these). */
  onResult?(r: PropertyResult): void;
}

/** The result of a check. */
export interface CheckResult {
  spec: string;
  backend: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
  seed: number;
  cases: number;
  ms: number;
  interrupted: boolean;
  /** Exhaustive mode: how many equivalence-class combinations there were. */
  classes?: number;
  properties: PropertyResult[];
  /** Rule id -> times fired (every rule of the catalogue present, zeros included). */
  rules: Record<string, number>;
  capabilities: Capabilities | null;
}

/** The skipped result of a spec the backend does not implement, or null when it does. */
export function notImplemented(spec: SpecBundle, backend: Backend, caps: Capabilities, seed: number): CheckResult | null {
  if (caps.specs.includes(spec.definition.id)) return null;
  const reason = caps.unsupported[spec.definition.id] ?? `backend ${backend.name} does not implement ${spec.definition.id} (it implements: ${caps.specs.join(', ') || 'none'})`;
  return skippedResult(spec, backend, caps, seed, reason);
}

/** A check that ran nothing, and why. */
export function skippedResult(spec: SpecBundle, backend: Backend, caps: Capabilities, seed: number, reason: string): CheckResult {
  const rules = Object.fromEntries(spec.definition.rules.map((r) => [r.id, 0]));
  return { spec: spec.definition.id, backend: backend.name, seed, capabilities: caps, status: 'skipped', reason, cases: 0, ms: 0, interrupted: false, properties: [], rules };
}

