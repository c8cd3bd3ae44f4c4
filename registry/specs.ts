/**
 * The specs uring-spec knows, each bundled with its model and properties: the one place the
 * command line, the tests and library users look a spec up. Two kinds: single-SQE specs (a case
 * is one SQE in a ring context) and stateful specs (a case is a sequence of steps on one ring,
 * docs/stateful.md), told apart by `kind`. Adding a version of the IORING_OP_BPF series is one line
 * here (`bpfBundle(VERSION)`) beside its folder under spec/, and so is a kernel version of a
 * mainline spec (`mainlineBundle(FAMILY, VERSION)`); a stateful spec is one line
 * `statefulBundle(DECLARATION)`.
 */
import { bpfDomain, bpfModel } from '../model/bpf-family.js';
import { fixedBufDomain, fixedBufModel } from '../model/fixed-buf.js';
import { nopDomain, nopModel } from '../model/nop.js';
import type { ModelOutcome } from '../model/outcome.js';
import type fc from 'fast-check';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import { bpfV1Exhaustive } from '../properties/bpf-v1/exhaustive.js';
import { BPF_V1_PROPERTIES } from '../properties/bpf-v1/properties.js';
import { bpfDeclaration } from '../properties/bpf/declaration.js';
import { fixedBufExhaustive } from '../properties/fixed-buf/exhaustive.js';
import { fixedBufDeclaration } from '../properties/fixed-buf/properties.js';
import { nopExhaustive } from '../properties/nop/exhaustive.js';
import { nopDeclaration } from '../properties/nop/properties.js';
import type { SpecDeclaration } from '../properties/pack/declaration.js';
import { derivedExhaustive } from '../properties/pack/exhaustive.js';
import { anyCaseOf, standardProperties } from '../properties/pack/standard.js';
import type { BitFieldDef } from '../spec/bpf-op-flags.js';
import type { BpfVersion } from '../spec/bpf/version.js';
import { BPF_V1_VERSION } from '../spec/bpf-v1/index.js';
import { BPF_V1_BASE_VERSION } from '../spec/bpf-v1-base/index.js';
import { BPF_V2_VERSION } from '../spec/bpf-v2/index.js';
import { BPF_V3_VERSION } from '../spec/bpf-v3/index.js';
import type { RingContext } from '../spec/context.js';
import { FIXED_BUF_6_15_VERSION } from '../spec/fixed-buf-6.15/rules.js';
import { FIXED_BUF_7_2_VERSION } from '../spec/fixed-buf-7.2/rules.js';
import type { MainlineVersion } from '../spec/mainline-version.js';
import { NOP_6_18_VERSION } from '../spec/nop-6.18/rules.js';
import { NOP_7_2_VERSION } from '../spec/nop-7.2/rules.js';
import type { SpecDefinition } from '../spec/rule.js';
import type { Sqe } from '../spec/sqe-layout.js';
import type { Step } from '../spec/stateful/step.js';
import { BPF_OPS_V2_DECLARATION } from '../properties/bpf-ops-v2/declaration.js';
import { RING_LIFECYCLE_618_DECLARATION } from '../properties/ring-lifecycle-6.18/declaration.js';
import { BPF_OPS_V3_DECLARATION } from '../properties/bpf-ops-v3/declaration.js';
import type { StatefulModel } from '../model/stateful.js';
import type { StatefulDeclaration, StatefulMutant } from '../properties/stateful/declaration.js';
import { statefulProperties } from '../properties/stateful/pack.js';
import type { StatefulProperty } from '../properties/stateful/property.js';

/** A single-SQE spec with everything that makes it executable. */
export interface CaseSpecBundle {
  /** Absent or 'case' (bundles written before stateful specs have no kind). */
  readonly kind?: 'case';
  readonly definition: SpecDefinition;
  /** The reference model. */
  model(c: Case): ModelOutcome;
  /** null when the case is one the spec describes; else why it is not (the context is optional). */
  domain(sqe: Sqe, ctx?: RingContext): string | null;
  /** The properties that submit cases. */
  readonly properties: readonly Property<unknown>[];
  /** The differential case mix (`diff` draws its examples from it). */
  readonly anyCase: fc.Arbitrary<Case>;
  /** The op-specific flags word's bit layout, when the spec has one (`diff` compares it). */
  readonly layout?: readonly BitFieldDef[];
  /** The condition of each rule in words, where the spec states it (`diff` compares it). */
  readonly conditions?: Readonly<Record<string, string>>;
  /**
   * Exhaustive mode: one representative case per combination of the equivalence classes the
   * spec's rules distinguish, in a fixed order. `classes` labels the combination
   * (e.g. "setup=yes custom=one buf1=fixed table=one index=at-nr ...").
   */
  exhaustive?(): Iterable<{ classes: string; case: Case }>;
}

/** The bundle of a version of the IORING_OP_BPF series, everything derived from its table. */
function bpfBundle<Id extends string>(v: BpfVersion<Id>, own: { properties?: readonly Property<unknown>[]; exhaustive?: () => Iterable<{ classes: string; case: Case }> } = {}): CaseSpecBundle {
  const decl = bpfDeclaration(v);
  const model = bpfModel(v);
  return {
    definition: v.definition,
    model: (c) => model(c.sqe, c.ctx),
    domain: bpfDomain(v),
    properties: own.properties ?? standardProperties(decl),
    anyCase: anyCaseOf(decl),
    layout: v.layout,
    conditions: Object.fromEntries(v.checks.map((c) => [c.id, c.condition])),
    exhaustive: own.exhaustive ?? (() => derivedExhaustive(decl, { representatives: 2, paramsPerCorruption: 2 })),
  };
}

/** What a family of hand-modelled specs (nop, fixed-buf) derives from a version's table. */
interface MainlineFamily<Id extends string> {
  declaration(v: MainlineVersion<Id>): SpecDeclaration<Id>;
  model(v: MainlineVersion<Id>): (sqe: Sqe, ctx: RingContext) => ModelOutcome;
  domain(v: MainlineVersion<Id>): (sqe: Sqe, ctx?: RingContext) => string | null;
  exhaustive(v: MainlineVersion<Id>): Iterable<{ classes: string; case: Case }>;
}

const NOP_FAMILY = { declaration: nopDeclaration, model: nopModel, domain: nopDomain, exhaustive: nopExhaustive };
const FIXED_BUF_FAMILY = { declaration: fixedBufDeclaration, model: fixedBufModel, domain: fixedBufDomain, exhaustive: fixedBufExhaustive };

/** The bundle of a mainline spec version (one line per kernel version below). */
function mainlineBundle<Id extends string>(family: MainlineFamily<Id>, v: MainlineVersion<Id>): CaseSpecBundle {
  const decl = family.declaration(v);
  const model = family.model(v);
  return { definition: v.definition, model: (c) => model(c.sqe, c.ctx), domain: family.domain(v), properties: standardProperties(decl), anyCase: anyCaseOf(decl), exhaustive: () => family.exhaustive(v) };
}

/** A stateful spec with everything that makes it executable (derived from its declaration). */
export interface StatefulBundle {
  readonly kind: 'stateful';
  readonly definition: SpecDefinition;
  readonly declaration: StatefulDeclaration;
  readonly model: StatefulModel<unknown>;
  /** null when the step is one the spec describes; else why not (replay and corpus refuse it). */
  domain(step: Step): string | null;
  readonly properties: readonly StatefulProperty[];
  readonly mutants: readonly StatefulMutant[];
  /**
   * For a spec registered at run time: an ES module plain Node can import (a file URL or path)
   * whose export `statefulDeclaration` is the declaration. The mutant adapter, a separate process,
   * imports it to find the spec (built-in specs need none).
   */
  readonly module?: string;
}

/** Any spec. */
export type SpecBundle = CaseSpecBundle | StatefulBundle;

/** The bundle of a stateful spec, its properties derived from the declaration. */
export function statefulBundle(decl: StatefulDeclaration, opts: { module?: string } = {}): StatefulBundle {
  if (decl.maxSteps < 1 || decl.maxSteps > 64) throw new Error(`statefulBundle: ${decl.definition.id}: maxSteps ${decl.maxSteps}, want 1..64`);
  const names = decl.mutants.map((m) => m.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`statefulBundle: ${decl.definition.id}: mutant names must be unique (${twice.join(', ')})`);
  return {
    kind: 'stateful',
    definition: decl.definition,
    declaration: decl,
    model: decl.model,
    domain: (step) => decl.domain(step),
    properties: statefulProperties(decl),
    mutants: decl.mutants,
    ...(opts.module ? { module: opts.module } : {}),
  };
}

const bundles: SpecBundle[] = [
  bpfBundle(BPF_V1_BASE_VERSION),
  bpfBundle(BPF_V1_VERSION, { properties: BPF_V1_PROPERTIES, exhaustive: bpfV1Exhaustive }),
  bpfBundle(BPF_V2_VERSION),
  bpfBundle(BPF_V3_VERSION),
  mainlineBundle(NOP_FAMILY, NOP_6_18_VERSION),
  mainlineBundle(NOP_FAMILY, NOP_7_2_VERSION),
  mainlineBundle(FIXED_BUF_FAMILY, FIXED_BUF_6_15_VERSION),
  mainlineBundle(FIXED_BUF_FAMILY, FIXED_BUF_7_2_VERSION),
  statefulBundle(RING_LIFECYCLE_618_DECLARATION),
  statefulBundle(BPF_OPS_V2_DECLARATION),
  statefulBundle(BPF_OPS_V3_DECLARATION),
];

/** Every spec, by id. */
export const SPECS: ReadonlyMap<string, SpecBundle> = new Map(bundles.map((b) => [b.definition.id, b]));

/**
 * Adds a spec (for library users with specs of their own): a single-SQE bundle, or a stateful one
 * from statefulBundle(declaration). Replaces a spec with the same id.
 */
export function registerSpec(bundle: SpecBundle): void {
  (SPECS as Map<string, SpecBundle>).set(bundle.definition.id, bundle);
}

/** The spec with this id; throws a message listing the valid ids. */
export function getSpec(id: string): SpecBundle {
  const s = SPECS.get(id);
  if (!s) throw new Error(`unknown spec '${id}' (valid: ${[...SPECS.keys()].join(', ')})`);
  return s;
}

/** Whether a spec is stateful. */
export function isStateful(spec: SpecBundle): spec is StatefulBundle {
  return spec.kind === 'stateful';
}

/**
 * The single-SQE spec with this id, for what only single SQEs have (`run`, `diff`, `init`,
 * exhaustive mode); a stateful spec throws a message saying what to use instead.
 */
export function getCaseSpec(id: string, what: string): CaseSpecBundle {
  const s = getSpec(id);
  if (isStateful(s)) throw new Error(`spec ${id} is stateful (sequences of steps on one ring, docs/stateful.md): ${what}`);
  return s;
}

/** The single-SQE specs. */
export function caseSpecs(): CaseSpecBundle[] {
  return [...SPECS.values()].filter((s): s is CaseSpecBundle => !isStateful(s));
}
