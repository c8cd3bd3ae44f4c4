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
export interface Corruption {
  /** The rule it breaks. */
  readonly rule: string;
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
export function applies(c: Corruption, opcode: number): boolean {
  return !c.ops || c.ops.includes(opcode);
}

/** A valid case (of an opcode the corruption applies to) with one of `corruptions` applied. */
export function corrupted(valid: ValidCases, corruptions: readonly Corruption[]): fc.Arbitrary<{ case: Case; rule: string }> {
  return fc.oneof(...corruptions.map((k) => fc.tuple(valid(k.ops), k.param).map(([c, p]) => ({ case: k.apply(c, p), rule: k.rule }))));
}

/**
 * A valid case with a random set of corruptions, at most one per slot and only ones that apply
 * to its opcode, and the rule that must decide: the earliest in check order. Every pick draws
 * the params of all options of its slot, so the choice among the applicable ones needs no chain.
 */
export function multiplyCorrupted(
  valid: fc.Arbitrary<Case>,
  corruptions: readonly Corruption[],
  order: (rule: string) => number,
): fc.Arbitrary<{ case: Case; rules: string[]; first: string }> {
  const slots = [...new Set(corruptions.map((c) => c.slot))];
  const perSlot = slots.map((slot) => {
    const options = corruptions.filter((c) => c.slot === slot);
    return fc.option(fc.record({ pick: fc.nat(), params: fc.tuple(...options.map((o) => o.param)) }), { freq: 2 });
  });
  return fc
    .tuple(valid, fc.tuple(...perSlot))
    .map(([c, picks]) => {
      let out = c;
      const rules: string[] = [];
      picks.forEach((p, i) => {
        if (p === null) return;
        const options = corruptions.filter((k) => k.slot === slots[i]);
        const usable = options.map((k, j) => [k, p.params[j]!] as const).filter(([k]) => applies(k, c.sqe.opcode));
        if (usable.length === 0) return;
        const [k, param] = usable[p.pick % usable.length]!;
        out = k.apply(out, param);
        rules.push(k.rule);
      });
      return { case: out, rules, first: rules.length ? rules.reduce((a, b) => (order(b) < order(a) ? b : a)) : '' };
    })
    .filter((x) => x.rules.length >= 2);
}

/** The corruptions of a list that break `rule`. */
export function corruptionsFor(list: readonly Corruption[], rule: string): Corruption[] {
  const out = list.filter((c) => c.rule === rule);
  if (out.length === 0) throw new Error(`corruptionsFor: no corruption breaks '${rule}'`);
  return out;
}
