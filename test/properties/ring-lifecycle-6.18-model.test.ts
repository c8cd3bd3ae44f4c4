/** ring-lifecycle@6.18: its stateful properties against its own model (every rule fired, seeds stable, steps in the domain, every mutant killed in at most 6 steps whose replay fails again). */
import { describeStatefulAgainstModel } from '../helpers/stateful-against-model.js';

describeStatefulAgainstModel('ring-lifecycle@6.18', { seed: 20261202, catalogueRuns: 500, mutantRuns: 2000 });
