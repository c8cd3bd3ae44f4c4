/** Every bpf@v1 property against the model (see test/helpers/spec-against-model.ts). */
import { describeSpecAgainstModel } from '../helpers/spec-against-model.js';

describeSpecAgainstModel('bpf@v1', { seed: 20251104, catalogueRuns: 5000, sameSeedRuns: 500, domainAndClasses: false });
