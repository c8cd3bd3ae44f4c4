/**
 * Exhaustive mode derived from a declaration: every combination of "slot left alone" or "slot
 * corrupted with one of its corruptions at one of a few fixed parameter values", applied to a few
 * fixed valid representatives. Parameter values and representatives are drawn with a fixed seed,
 * so the enumeration is the same on every run and machine. A spec whose classes need a finer cut
 * (bpf@v1's buffer types and index positions, the mainline specs) declares its own instead.
 */
import fc from 'fast-check';
import type { Case } from '../case.js';
import type { SpecDeclaration } from './declaration.js';

/** Fixed draws, so that class n is the same case everywhere. */
const SEED = 20251104;

/** How finely to enumerate. */
export interface DerivedExhaustiveOptions {
  /** Valid representatives per combination. */
  readonly representatives: number;
  /** Parameter values per corruption (its first distinct draws with the fixed seed). */
  readonly paramsPerCorruption: number;
}

function distinctDraws(arb: fc.Arbitrary<number>, n: number): number[] {
  const seen = [...new Set(fc.sample(arb, { seed: SEED, numRuns: 20 * n }))];
  return seen.slice(0, n);
}

/** Per slot, the (corruption, param) options it can take. */
function slotOptions<Id extends string>(decl: SpecDeclaration<Id>, opts: DerivedExhaustiveOptions) {
  const slots = [...new Set(decl.corruptions.map((c) => c.slot))];
  return slots.map((slot) => decl.corruptions.filter((c) => c.slot === slot).flatMap((c) => distinctDraws(c.param, opts.paramsPerCorruption).map((p) => ({ c, p, label: `${slot}=${c.rule}(${p})` }))));
}

/** Every combination with its representative case. */
export function* derivedExhaustive<Id extends string>(decl: SpecDeclaration<Id>, opts: DerivedExhaustiveOptions): Generator<{ classes: string; case: Case }> {
  const options = slotOptions(decl, opts);
  const reps = fc.sample(decl.valid(), { seed: SEED, numRuns: opts.representatives });
  const pick = new Array<number>(options.length).fill(0);
  for (;;) {
    for (let r = 0; r < reps.length; r++) {
      let c = reps[r]!;
      const labels: string[] = [];
      pick.forEach((k, i) => {
        if (k === 0) return;
        const o = options[i]![k - 1]!;
        c = o.c.apply(c, o.p);
        labels.push(o.label);
      });
      yield { classes: `${labels.join(' ') || 'valid'} rep=${r}`, case: c };
    }
    // odometer over the slots
    let i = 0;
    while (i < pick.length && ++pick[i]! > options[i]!.length) pick[i++] = 0;
    if (i === pick.length) return;
  }
}
