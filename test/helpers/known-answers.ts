/**
 * The known-answer vector suite every spec has (test/vectors/<spec>.json): rows written by hand or
 * from the live kernel, never by running the model, each checked against the model with its name
 * and reason in the message, plus checks that the table and the spec's catalogue agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelOutcome } from '../../model/outcome.js';
import { parseContext, type RingContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import type { SpecDefinition } from '../../spec/rule.js';
import { sqeFromHex } from '../../spec/sqe.js';
import type { Sqe } from '../../spec/sqe-layout.js';

/** The fields every vector has; a spec's schema adds its own. */
export const VECTOR_FIELDS = {
  name: z.string().min(1),
  sqe: z.string().regex(/^[0-9a-f]{128}$/, '128 lower-case hex digits'),
  ctx: z.strictObject({ setupFlags: z.number(), nrBufs: z.number(), bufSize: z.number(), ops: z.array(z.number()), personalities: z.number() }),
  res: z.number().int(),
  rule: z.string().min(1),
  why: z.string().min(1),
};

/** A vector of the mainline specs: rows of the kernel observations or live kernel runs, posted always pinned. */
export const MainlineVectorSchema = z.strictObject({
  ...VECTOR_FIELDS,
  /** The observation id, or the live kernel run it was checked with. */
  source: z.string().min(1),
  posted: z.boolean(),
});

/** What every vector has, as the suite reads it. */
export interface BaseVector {
  name: string;
  sqe: string;
  ctx: z.infer<typeof VECTOR_FIELDS.ctx>;
  res: number;
  rule: string;
  why: string;
  source?: string;
  posted?: boolean;
}

/** The rows of test/vectors/<file>, parsed with `schema` (a malformed row fails at load). */
export function loadVectors<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  return z.array(schema).parse(JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url), 'utf8')));
}

/** How one spec's vectors are checked. */
export interface KnownAnswerSuite<V extends BaseVector> {
  spec: SpecDefinition;
  vectors: readonly V[];
  /** The table must have at least this many rows, so a truncated file fails. */
  minRows: number;
  model(sqe: Sqe, ctx: RingContext): ModelOutcome;
  /** When given, every row must be inside the spec's domain. */
  domain?(sqe: Sqe): string | null;
  /**
   * Whether a row of a success rule must have a res >= 0 too (bpf@v1). A mainline success rule
   * may complete with a negative res (NOP's injected result), so there only failure rows are
   * matched against their rule's errno.
   */
  successRowsNonNegative: boolean;
  /** More checks of one row after res, rule and posted (bpf@v1: uring_bpf_data). */
  checkRow?(v: V, got: ModelOutcome, where: string): void;
  /** Tests only this spec has, declared in the same describe. */
  more?(): void;
}

/** Declares the suite `<spec id> known-answer vectors`. */
export function describeKnownAnswers<V extends BaseVector>(suite: KnownAnswerSuite<V>): void {
  const { spec, vectors } = suite;
  const id = spec.id;

  describe(`${id} known-answer vectors`, () => {
    it('the table is large enough and names are unique', () => {
      expect(vectors.length).toBeGreaterThanOrEqual(suite.minRows);
      const names = vectors.map((v) => v.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });

    it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
      const sqe = sqeFromHex(v.sqe);
      const where = [`sqe ${v.sqe}`, `ctx ${JSON.stringify(v.ctx)}`, ...(v.source === undefined ? [] : [`source: ${v.source}`]), `why: ${v.why}`].join('\n');
      if (suite.domain) expect(suite.domain(sqe), where).toBeNull();
      const got = suite.model(sqe, parseContext(v.ctx, `vector '${v.name}' ctx`));
      expect(`${got.res} (${resName(got.res)})`, where).toBe(`${v.res} (${resName(v.res)})`);
      expect(got.rule, where).toBe(v.rule);
      if (v.posted !== undefined) expect(got.posted, where).toBe(v.posted);
      suite.checkRow?.(v, got, where);
    });

    const title = suite.successRowsNonNegative ? `every vector names a rule of the ${id} catalogue, with that rule errno` : `every vector names a rule of the ${id} catalogue; a failure rule with its errno`;
    it(title, () => {
      for (const v of vectors) {
        const rule = spec.rules.find((r) => r.id === v.rule);
        expect(rule, `vector '${v.name}': unknown rule ${v.rule}`).toBeDefined();
        if (suite.successRowsNonNegative || rule!.errno !== 'OK') expect(rule!.errno, `vector '${v.name}'`).toBe(resName(v.res));
      }
    });

    it(`every rule of ${id} is covered by at least one vector`, () => {
      const covered = new Set(vectors.map((v) => v.rule));
      expect(spec.rules.map((r) => r.id).filter((r) => !covered.has(r))).toEqual([]);
    });

    suite.more?.();
  });
}
