/** Every nop@6.18 property against the model, its domain and its classes (see test/helpers/spec-against-model.ts). */
import { describeSpecAgainstModel } from '../helpers/spec-against-model.js';

describeSpecAgainstModel('nop@6.18', { seed: 20251118, catalogueRuns: 3000, sameSeedRuns: 300, domainAndClasses: true });
