/**
 * A spec rule: one thing the kernel promises, with a stable id. Rule ids are typed: each spec's
 * catalogue is an `as const` table, its id union is derived from it, and every place that names a
 * rule (models, corruptions, properties, reports) names it through that type, so a misspelt id
 * does not compile.
 */
import type { ErrnoName } from './errno.js';

/** One rule of a spec's catalogue. */
export interface Rule<Id extends string = string> {
  /** Stable id, e.g. `bpf.buf1.fixed.empty-table`; reports, coverage and corpora use it. */
  readonly id: Id;
  /** The errno the rule yields, or 'OK' for a success rule. */
  readonly errno: ErrnoName | 'OK';
  /** Position in the check order: the first failing rule (lowest order) decides. */
  readonly order: number;
  /** What the rule says, in a sentence. */
  readonly summary: string;
  /** Where it comes from: a Message-ID (lore.kernel.org/r/...) and function, or a kernel version and function. */
  readonly source: string;
}

/**
 * A constant a spec names symbolically (a uapi number of an unmerged series moves when it is
 * rebased): its value as posted. A backend may report another value for the same name in its
 * hello; the harness then maps it (runner/constant-map.ts) and says so in the report.
 */
export interface SpecConstant {
  /** The uapi name, e.g. `IORING_SETUP_BPF_OP`. */
  readonly name: string;
  /** The value as posted. */
  readonly value: number;
  /** Where a case carries it: a bit of the ring context's setupFlags. */
  readonly where: 'setupFlags';
  readonly source: string;
}

/** A spec: its id, what it covers, and its rule catalogue in check order. */
export interface SpecDefinition<Id extends string = string> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The opcodes whose SQEs the spec describes; others are outside it. */
  readonly opcodes: readonly number[];
  readonly rules: readonly Rule<Id>[];
  /** Constants the spec names that a backend may place elsewhere (see SpecConstant). */
  readonly constants?: readonly SpecConstant[];
}

/** The ids of a rule table, as a type. */
export type RuleIds<T extends readonly { readonly id: string }[]> = T[number]['id'];

/** The rule with this id, or a thrown error naming the spec (a harness bug, not a spec outcome). */
export function ruleById<Id extends string>(spec: SpecDefinition<Id>, id: NoInfer<Id>): Rule<Id> {
  const r = spec.rules.find((x) => x.id === id);
  if (!r) throw new Error(`ruleById: spec ${spec.id} has no rule '${id}'`);
  return r;
}
