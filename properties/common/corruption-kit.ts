/**
 * Op-aware corruptions: a corruption may only make sense for some of a spec's opcodes, so each
 * says which, and the generators only apply it to valid cases of those. Spec-agnostic (it knows
 * cases and rule ids, no kernel version), hence common/: the mainline specs draw through
 * `corrupted` and `multiplyCorrupted` here; bpf@v1 shares the Corruption type but keeps its own
 * older generators (see properties/bpf-v1/corruptions.ts for why).
 */
import fc from 'fast-check';
import type { Case } from '../case.js';

/** A way to break one rule, for the opcodes it applies to. */
export interface Corruption<Id extends string = string> {
  /** The rule it breaks. */
  readonly rule: Id;
  /** Corruptions of one slot write the same fields and cannot be combined; different slots write disjoint fields. */
  readonly slot: string;
  /** Opcodes of valid cases it applies to; undefined: every opcode of the spec. */
  readonly ops?: readonly number[];
  /** Drawn per case; what `apply` needs. */
  readonly param: fc.Arbitrary<number>;
  apply(c: Case, param: number): Case;
}

/** Valid cases, optionally restricted to some opcodes. */
export type ValidCases = (ops?: readonly number[]) => fc.Arbitrary<Case>;

/** Whether a corruption applies to a case of this opcode. */
export function applies(c: Corruption<string>, opcode: number): boolean {
  return !c.ops || c.ops.includes(opcode);
}

/** A valid case (of an opcode the corruption applies to) with one of `corruptions` applied. */
export function corrupted<Id extends string>(valid: ValidCases, corruptions: readonly Corruption<Id>[]): fc.Arbitrary<{ case: Case; rule: Id }> {
  return fc.oneof(...corruptions.map((k) => fc.tuple(valid(k.ops), k.param).map(([c, p]) => ({ case: k.apply(c, p), rule: k.rule }))));
}

/**
 * A valid case with a random set of corruptions, at most one per slot and only ones that apply
 * to its opcode, and the rule that must decide: the earliest in check order. Every pick draws
 * the params of all options of its slot, so the choice among the applicable ones needs no chain.
 */
export function multiplyCorrupted<Id extends string>(
  valid: fc.Arbitrary<Case>,
  corruptions: readonly Corruption<Id>[],
  order: (rule: Id) => number,
): fc.Arbitrary<{ case: Case; rules: Id[]; first: Id }> {
  const slots = [...new Set(corruptions.map((c) => c.slot))];
  const perSlot = slots.map((slot) => {
    const options = corruptions.filter((c) => c.slot === slot);
    return fc.option(fc.record({ pick: fc.nat(), params: fc.tuple(...options.map((o) => o.param)) }), { freq: 2 });
  });
  return fc
    .tuple(valid, fc.tuple(...perSlot))
    .map(([c, picks]) => {
      let out = c;
      const rules: Id[] = [];
      picks.forEach((p, i) => {
        if (p === null) return;
        const options = corruptions.filter((k) => k.slot === slots[i]);
        const usable = options.map((k, j) => [k, p.params[j]!] as const).filter(([k]) => applies(k, c.sqe.opcode));
        if (usable.length === 0) return;
        const [k, param] = usable[p.pick % usable.length]!;
        out = k.apply(out, param);
        rules.push(k.rule);
      });
      return { case: out, rules, first: rules.length ? rules.reduce((a, b) => (order(b) < order(a) ? b : a)) : (undefined as unknown as Id) };
    })
    .filter((x) => x.rules.length >= 2);
}

/** The corruptions of a list that break `rule`. */
export function corruptionsFor<Id extends string>(list: readonly Corruption<Id>[], rule: NoInfer<Id>): Corruption<Id>[] {
  const out = list.filter((c) => c.rule === rule);
  if (out.length === 0) throw new Error(`corruptionsFor: no corruption breaks '${rule}'`);
  return out;
}
