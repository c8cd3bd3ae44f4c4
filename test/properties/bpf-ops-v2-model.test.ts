/** bpf-ops@v2: its stateful properties against its own model (every rule fired, seeds stable, steps in the domain, every mutant killed in at most 6 steps whose replay fails again). */
import { describeStatefulAgainstModel } from '../helpers/stateful-against-model.js';

describeStatefulAgainstModel('bpf-ops@v2', { seed: 20261202, catalogueRuns: 300, mutantRuns: 300 });
