/**
 * The reference model as a backend: every spec it has a model for, with data and rule ids. A
 * stateful spec's model runs sequences (runModel); it runs no single cases.
 */
import type { ModelOutcome } from '../model/outcome.js';
import { runModel, type StatefulModel } from '../model/stateful.js';
import type { Case } from '../properties/case.js';
import type { Backend, Capabilities } from '../runner/backend.js';

/** A model function per spec id. */
export type ModelTable = Readonly<Record<string, (c: Case) => ModelOutcome>>;
/** A stateful model per spec id. */
export type StatefulModelTable = Readonly<Record<string, StatefulModel<unknown>>>;

/** The model backend for one spec. */
export function modelBackend(specId: string, models: ModelTable, stateful: StatefulModelTable = {}): Backend {
  const model = models[specId];
  const steps = stateful[specId];
  return {
    name: 'model',
    async probe(): Promise<Capabilities> {
      const specs = [...Object.keys(models), ...Object.keys(stateful)];
      return { name: 'model', specs, unsupported: {}, data: true, maxBatch: Number.MAX_SAFE_INTEGER, sequences: true, info: {} };
    },
    async run(cases) {
      if (!model) throw new Error(`model backend: no single-SQE model for spec ${specId}${steps ? ' (it is stateful: it runs sequences)' : ''}`);
      const out = new Array<ModelOutcome>(cases.length);
      for (let i = 0; i < cases.length; i++) out[i] = model(cases[i]!);
      return out;
    },
    async runSequence(seq) {
      if (!steps) throw new Error(`model backend: no stateful model for spec ${specId}`);
      return runModel(steps, seq);
    },
    async close() {},
  };
}
