/**
 * A version of the IORING_OP_BPF series as data: its constants, its bpf_op_flags layout, its
 * prep checks in order (each a rule with the condition that fires it), the data a successful prep
 * exposes, the fields it reads, what a valid request looks like and one corruption per rule.
 * The model (model/bpf-family.ts), the generators and properties (properties/bpf/), the exhaustive
 * classes and `uring-spec diff` are derived from it: adding a version is one folder under spec/
 * holding one of these, plus one registry line.
 */
import type { BitFieldDef } from '../bpf-op-flags.js';
import type { UringBpfData } from '../bpf-v1/data.js';
import type { Case } from '../case.js';
import type { RingContext } from '../context.js';
import type { GenericRuleId } from '../generic-layer.js';
import type { Rule, SpecConstant, SpecDefinition } from '../rule.js';
import type { Sqe, SqeFieldName } from '../sqe-layout.js';

/** One prep check: a rule and, for a failure rule, the condition under which it fires. */
export interface BpfCheck<Id extends string = string> extends Rule<Id> {
  /** True when the rule fires (checked only after every earlier rule passed); absent on the success rule. */
  readonly fails?: (sqe: Sqe, ctx: RingContext) => boolean;
  /** The condition in words, for `diff` (a changed condition is a changed rule). */
  readonly condition: string;
}

/** A corruption as data: the values it draws (an inclusive range, edges favoured) and how it breaks a valid case. */
export interface BpfCorruption<Id extends string = string> {
  readonly rule: Id;
  /** Corruptions of one slot write the same fields and are never combined. */
  readonly slot: string;
  /**
   * The draw: uniform in [min, max], or one of the range's ends and `edges`; `edgeWeight` is how
   * many times likelier an edge is than a uniform draw (default 0.5: a third of the draws are edges).
   */
  readonly param: { readonly min: number; readonly max: number; readonly edges?: readonly number[]; readonly edgeWeight?: number };
  apply(c: Case, param: number): Case;
}

/** What a valid request of the version looks like. */
export interface BpfValidDomain {
  /** The largest op id that can be registered (V1: 255, V2/V3: 15). */
  readonly opIdMax: number;
  /**
   * The low 24 bits of bpf_op_flags in a valid request: V1 with buffers: a valid buffer-type pair
   * and no custom flag; 'any': the kernel never looks at them.
   */
  readonly lowBits: 'buffer-pairs' | 'any';
}

/** A version of the series. */
export interface BpfVersion<Id extends string = string> {
  readonly definition: SpecDefinition<GenericRuleId | Id>;
  /** The setup flag as posted (a backend may report it elsewhere: SpecConstant). */
  readonly setupFlag: SpecConstant;
  /** The bpf_op_flags layout, most significant field first. */
  readonly layout: readonly BitFieldDef[];
  /** The op's prep checks after the generic layer, in order; the last is the success rule. */
  readonly checks: readonly BpfCheck<Id>[];
  /** uring_bpf_data after a successful prep, when the version's outcome records carry it (V1 with buffers). */
  readonly data?: (sqe: Sqe) => UringBpfData;
  /** The SQE fields the version reads for this SQE. */
  readonly fieldsRead: (sqe: Sqe) => Set<SqeFieldName>;
  readonly valid: BpfValidDomain;
  /** At least one per failure rule of `checks`. */
  readonly corruptions: readonly BpfCorruption<Id>[];
}
