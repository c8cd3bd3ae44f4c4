/**
 * What a spec declares so that its standard properties and exhaustive mode can be derived: its
 * catalogue, valid cases, one corruption per failure rule, a wild mix, and which fields it reads.
 * Everything in properties/pack/ is derived from this, once, for every spec.
 */
import type fc from 'fast-check';
import type { SpecDefinition } from '../../spec/rule.js';
import type { Sqe, SqeFieldName } from '../../spec/sqe-layout.js';
import type { Case } from '../case.js';
import type { Corruption, ValidCases } from '../common/corruption-kit.js';
import type { Property } from '../property.js';

/** A spec's declaration for the property pack. */
export interface SpecDeclaration<Id extends string> {
  readonly definition: SpecDefinition<Id>;
  /** Valid requests (optionally of some opcodes only): every rule passes. */
  readonly valid: ValidCases;
  /** At least one corruption per failure rule; each breaks exactly that rule of a valid case. */
  readonly corruptions: readonly Corruption<Id>[];
  /** Anything in the spec's domain, every field random (the differential mix's fourth part). */
  readonly wild: fc.Arbitrary<Case>;
  /** The fields the spec reads for an SQE; every other field is ignored. */
  readonly fieldsRead: (sqe: Sqe) => Set<SqeFieldName>;
  /** SQEs to take rewritten ignored fields from (a mainline spec keeps fd safe, for one). */
  readonly otherSqe: fc.Arbitrary<Sqe>;
  /** The valid-accepted property, written from the spec (its expected results are not the model's). */
  readonly validAccepted: Property<unknown>;
  /** One sentence each for the derived properties that name the spec's own terms. */
  readonly describe: { readonly checkOrder: string; readonly ignoredFields: string; readonly agreement?: string };
  /** Spec-specific properties, run after the standard ones. */
  readonly extras?: readonly Property<unknown>[];
}
