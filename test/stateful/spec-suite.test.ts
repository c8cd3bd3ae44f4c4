/** specSuite takes a stateful spec: one vitest test per stateful property, run on the model. */
import { specSuite } from '../../vitest/suite.js';
import { toyBundle } from '../fixtures/stateful-toy/toy.js';

specSuite({ spec: toyBundle(), backend: 'model', runs: 50, seed: 3 });
