/** A spec rule: one thing the kernel promises, with a stable id. */
import type { ErrnoName } from './errno.js';

/** One rule of a spec's catalogue. */
export interface Rule {
  /** Stable id, e.g. `bpf.buf1.fixed.empty-table`; reports, coverage and corpora use it. */
  readonly id: string;
  /** The errno the rule yields, or 'OK' for a success rule. */
  readonly errno: ErrnoName | 'OK';
  /** Position in the check order: the first failing rule (lowest order) decides. */
  readonly order: number;
  /** What the rule says, in a sentence. */
  readonly summary: string;
  /** Where it comes from: a Message-ID (lore.kernel.org/r/...) or a kernel version and function. */
  readonly source: string;
}

/** A spec: its id, what it covers, and its rule catalogue in check order. */
export interface SpecDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The opcodes whose SQEs the spec describes; others are outside it. */
  readonly opcodes: readonly number[];
  readonly rules: readonly Rule[];
}

/** The rule with this id, or a thrown error naming the spec (a harness bug, not a spec outcome). */
export function ruleById(spec: SpecDefinition, id: string): Rule {
  const r = spec.rules.find((x) => x.id === id);
  if (!r) throw new Error(`ruleById: spec ${spec.id} has no rule '${id}'`);
  return r;
}
