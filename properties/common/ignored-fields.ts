/**
 * ignored-fields: rewriting the SQE fields a spec says an op does not read must not change the
 * outcome. Spec-agnostic: each spec supplies which fields a given SQE reads (spec/<id>/fields.ts)
 * and where the rewritten values may come from (a mainline case must keep fd safe, for one).
 */
import fc from 'fast-check';
import { SQE_FIELD_NAMES, type Sqe, type SqeFieldName } from '../../spec/sqe-layout.js';
import type { Case } from '../case.js';
import { sameOutcome } from '../checks.js';
import { property, type Property } from '../property.js';

/** One trial: a case, and an SQE to take the fields it does not read from. */
export interface IgnoredFieldsTrial {
  case: Case;
  other: Sqe;
}

/** What a spec tells the property. */
export interface IgnoredFieldsOptions {
  /** The spec's case mix. */
  anyCase: fc.Arbitrary<Case>;
  /** SQEs to take ignored fields from. */
  other: fc.Arbitrary<Sqe>;
  /** The fields the spec reads for this SQE; every other field is rewritten. */
  fieldsRead: (sqe: Sqe) => Set<SqeFieldName>;
  /** One sentence naming the spec's ignored fields. */
  description: string;
}

/** The case, and the same case with every field `fieldsRead` does not list taken from `other`. */
export function withIgnoredRewritten(fieldsRead: (sqe: Sqe) => Set<SqeFieldName>, { case: c, other }: IgnoredFieldsTrial): Case[] {
  const read = fieldsRead(c.sqe);
  const sqe = { ...c.sqe } as Record<string, number | bigint>;
  for (const name of SQE_FIELD_NAMES) if (!read.has(name)) sqe[name] = (other as Record<string, number | bigint>)[name]!;
  return [c, { sqe: sqe as Sqe, ctx: c.ctx }];
}

/** The ignored-fields property of a spec. */
export function ignoredFieldsProperty({ anyCase, other, fieldsRead, description }: IgnoredFieldsOptions): Property<unknown> {
  const rewritten = (t: IgnoredFieldsTrial) => withIgnoredRewritten(fieldsRead, t);
  return property<IgnoredFieldsTrial>({
    name: 'ignored-fields',
    description,
    rules: [],
    arbitrary: fc.record({ case: anyCase, other }),
    cases: rewritten,
    check: (t, got) => {
      const [a, b] = rewritten(t);
      return sameOutcome(a!, got[0]!, b!, got[1]!, 'rewriting ignored fields');
    },
  });
}
