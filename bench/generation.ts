/**
 * The generation part of a property run, replayed on its own: the runner's loop (derived seed,
 * bias schedule, a generator state kept per trial, the trial's cases) without any backend, so
 * its time can be set against the whole run's.
 */
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Case } from '../properties/case.js';
import type { Property } from '../properties/property.js';
import { biasFor, propertySeed } from '../runner/seed.js';

/** Milliseconds to generate `cases` cases of prop from seed the way runProperty does. */
export function generationMs(prop: Property, seed: number, cases: number): number {
  const t0 = performance.now();
  const rng = new fc.Random(xoroshiro128plus(propertySeed(seed, prop.name)));
  let generated = 0;
  const states: fc.Random[] = [];
  for (let i = 0; generated < cases; i++) {
    if (states.length === 256) states.length = 0; // the runner keeps them for one batch
    states.push(rng.clone());
    const value = prop.arbitrary.generate(rng, biasFor(i)).value;
    const cs: Case[] = prop.cases(value);
    generated += Math.max(1, cs.length);
  }
  return performance.now() - t0;
}
