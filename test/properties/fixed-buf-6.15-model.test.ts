/** Every fixed-buf@6.15 property against the model, its domain and its classes (see test/helpers/spec-against-model.ts). */
import { describeSpecAgainstModel } from '../helpers/spec-against-model.js';

describeSpecAgainstModel('fixed-buf@6.15', { seed: 20250615, catalogueRuns: 3000, sameSeedRuns: 300, domainAndClasses: true });
