/** Every nop@7.2 property against the model, its domain and its classes (see test/helpers/spec-against-model.ts). */
import { describeSpecAgainstModel } from '../helpers/spec-against-model.js';

describeSpecAgainstModel('nop@7.2', { seed: 20261028, catalogueRuns: 3000, sameSeedRuns: 300, domainAndClasses: true });
