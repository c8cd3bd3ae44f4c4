/**
 * The toy stateful spec through the helpers every stateful spec uses: its properties against its
 * model (every rule fired, same seed same sequences, generators in the domain, every mutant killed
 * with at most 6 steps) and its hand-worked sequences.
 */
import { describeStatefulAgainstModel } from '../helpers/stateful-against-model.js';
import { describeStatefulVectors, loadStatefulVectors } from '../helpers/stateful-vectors.js';
import { toyBundle } from '../fixtures/stateful-toy/toy.js';

describeStatefulAgainstModel(toyBundle, { seed: 20260601, catalogueRuns: 200, mutantRuns: 300 });

const toy = toyBundle();
describeStatefulVectors({ definition: toy.definition, model: toy.model, domain: toy.domain, vectors: loadStatefulVectors(new URL('../fixtures/stateful-toy/toy-vectors.json', import.meta.url)), minVectors: 4 });
