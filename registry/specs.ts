/**
 * The specs uring-spec knows, each bundled with its model and properties: the one place the
 * command line, the tests and library users look a spec up.
 */
import { bpfV1Domain, bpfV1Model } from '../model/bpf-v1.js';
import { fixedBuf615Domain, fixedBuf615Model } from '../model/fixed-buf-6.15.js';
import { nop618Domain, nop618Model } from '../model/nop-6.18.js';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import { BPF_V1_PROPERTIES } from '../properties/bpf-v1/properties.js';
import { bpfV1Exhaustive } from '../properties/bpf-v1/exhaustive.js';
import { fixedBuf615Exhaustive } from '../properties/fixed-buf-6.15/exhaustive.js';
import { FIXED_BUF_615_PROPERTIES } from '../properties/fixed-buf-6.15/properties.js';
import { nop618Exhaustive } from '../properties/nop-6.18/exhaustive.js';
import { NOP_618_PROPERTIES } from '../properties/nop-6.18/properties.js';
import { BPF_V1 } from '../spec/bpf-v1/rules.js';
import { FIXED_BUF_6_15 } from '../spec/fixed-buf-6.15/rules.js';
import { NOP_6_18 } from '../spec/nop-6.18/rules.js';
import type { SpecDefinition } from '../spec/rule.js';
import type { Sqe } from '../spec/sqe-layout.js';

/** A spec with everything that makes it executable. */
export interface SpecBundle {
  readonly definition: SpecDefinition;
  /** The reference model. */
  model(c: Case): ModelOutcome;
  /** null when the SQE is one the spec describes; else why it is not. */
  domain(sqe: Sqe): string | null;
  /** The properties that submit cases. */
  readonly properties: readonly Property<unknown>[];
  /**
   * Exhaustive mode: one representative case per combination of the equivalence classes the
   * spec's rules distinguish, in a fixed order. `classes` labels the combination
   * (e.g. "setup=yes custom=one buf1=fixed table=one index=at-nr ...").
   */
  exhaustive?(): Iterable<{ classes: string; case: Case }>;
}

const bundles: SpecBundle[] = [
  { definition: BPF_V1, model: (c) => bpfV1Model(c.sqe, c.ctx), domain: bpfV1Domain, properties: BPF_V1_PROPERTIES, exhaustive: bpfV1Exhaustive },
  { definition: NOP_6_18, model: (c) => nop618Model(c.sqe, c.ctx), domain: nop618Domain, properties: NOP_618_PROPERTIES, exhaustive: nop618Exhaustive },
  { definition: FIXED_BUF_6_15, model: (c) => fixedBuf615Model(c.sqe, c.ctx), domain: fixedBuf615Domain, properties: FIXED_BUF_615_PROPERTIES, exhaustive: fixedBuf615Exhaustive },
];

/** Every spec, by id. */
export const SPECS: ReadonlyMap<string, SpecBundle> = new Map(bundles.map((b) => [b.definition.id, b]));

/** Adds a spec (used by the registry's own modules; specs are registered at import time). */
export function registerSpec(bundle: SpecBundle): void {
  (SPECS as Map<string, SpecBundle>).set(bundle.definition.id, bundle);
}

/** The spec with this id; throws a message listing the valid ids. */
export function getSpec(id: string): SpecBundle {
  const s = SPECS.get(id);
  if (!s) throw new Error(`unknown spec '${id}' (valid: ${[...SPECS.keys()].join(', ')})`);
  return s;
}
