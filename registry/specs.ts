/**
 * The specs uring-spec knows, each bundled with its model and properties: the one place the
 * command line, the tests and library users look a spec up.
 */
import { bpfV1Domain, bpfV1Model } from '../model/bpf-v1.js';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import { BPF_V1_PROPERTIES } from '../properties/bpf-v1/properties.js';
import { bpfV1Exhaustive } from '../properties/bpf-v1/exhaustive.js';
import { BPF_V1 } from '../spec/bpf-v1/rules.js';
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
