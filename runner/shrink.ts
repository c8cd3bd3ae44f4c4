/**
 * Shrinking a failing trial with the arbitrary's own shrinker, candidates evaluated in batches: the
 * first failing candidate of each batch becomes the new current.
 */
import type fc from 'fast-check';
import type { Backend } from './backend.js';
import type { Property } from '../properties/property.js';
import { firstFailure, type Found } from './evaluate.js';
import type { RunOptions } from './options.js';

/** The shrunk trial, its failure (and the candidates run before it in its batch), and the steps taken. */
export interface Shrunk {
  trial: fc.Value<unknown>;
  found: Found;
  shrinks: number;
}

/** Shrinks `start`, which failed as `found`; bounded by the shrink budget and the run's deadline. */
export async function shrinkTrial(prop: Property, backend: Backend, start: fc.Value<unknown>, found: Found, opts: RunOptions): Promise<Shrunk> {
  let current = start;
  let currentFound = found;
  let shrinks = 0;
  let evaluated = 0;
  const max = opts.maxShrinks ?? 50_000;
  // shrinkers list their boldest candidates first, so the first of a small batch usually wins:
  // small batches waste fewer evaluations, while a process backend still gets several per trip
  const batchSize = Math.min(opts.batchSize, 32);
  const stopAt = Math.min(performance.now() + (opts.shrinkTimeMs ?? 10_000), opts.deadline ?? Infinity);
  outer: while (evaluated < max && performance.now() < stopAt) {
    const it = prop.arbitrary.shrink(current.value, current.context)[Symbol.iterator]();
    // the boldest candidate alone first: when it fails by crashing or hanging the backend, a batch
    // around it would cost a restart or a timeout per bisection step
    let size = 1;
    for (;;) {
      const batch: fc.Value<unknown>[] = [];
      for (let r = it.next(); !r.done; r = batch.length < size ? it.next() : { done: true, value: undefined }) batch.push(r.value);
      size = batchSize;
      if (batch.length === 0) break outer;
      evaluated += batch.length;
      const f = await firstFailure(prop, backend, batch.map((b) => b.value), opts, false);
      if (f) {
        current = batch[f.index]!;
        currentFound = f;
        shrinks++;
        continue outer;
      }
      if (evaluated >= max || performance.now() >= stopAt) break outer;
    }
  }
  return { trial: current, found: currentFound, shrinks };
}
