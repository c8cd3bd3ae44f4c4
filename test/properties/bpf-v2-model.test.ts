/** Every bpf@v2 property against the model (see test/helpers/spec-against-model.ts). */
import { describeSpecAgainstModel } from '../helpers/spec-against-model.js';

describeSpecAgainstModel('bpf@v2', { seed: 20260324, catalogueRuns: 2000, sameSeedRuns: 300, domainAndClasses: true });
