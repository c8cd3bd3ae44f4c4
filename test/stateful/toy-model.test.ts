/**
 * The toy stateful spec through the helpers every stateful spec uses: its properties against its
 * model (every rule fired, same seed same sequences, generators in the domain, every mutant killed
 * with at most 6 steps) and its hand-worked sequences.
 */
import { describe, expect, it } from 'vitest';
import { modelBackend } from '../../backends/model-backend.js';
import { checkSpec } from '../../runner/check.js';
import { describeStatefulAgainstModel } from '../helpers/stateful-against-model.js';
import { describeStatefulVectors, loadStatefulVectors } from '../helpers/stateful-vectors.js';
import { toyBundle } from '../fixtures/stateful-toy/toy.js';

describeStatefulAgainstModel(toyBundle, { seed: 20260601, catalogueRuns: 200, mutantRuns: 300 });

const toy = toyBundle();
describeStatefulVectors({ definition: toy.definition, model: toy.model, domain: toy.domain, vectors: loadStatefulVectors(new URL('../fixtures/stateful-toy/toy-vectors.json', import.meta.url)), minVectors: 4 });

describe('shards of a stateful check', () => {
  it('run whole properties, each in one shard', async () => {
    const b = toyBundle();
    const model = modelBackend(b.definition.id, {}, { [b.definition.id]: b.model });
    const names = async (index: number) => (await checkSpec(b, model, { seed: 1, runs: 10, shard: { index, count: 2 } })).properties.map((p) => p.name);
    expect(await names(0)).toEqual(['sequence-model-agreement']);
    expect(await names(1)).toEqual(['sequence-determinism']);
  });
});
