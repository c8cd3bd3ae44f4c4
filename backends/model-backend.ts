/** The reference model as a backend: every spec it has a model for, with data and rule ids. */
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { Backend, Capabilities } from '../runner/backend.js';

/** A model function per spec id. */
export type ModelTable = Readonly<Record<string, (c: Case) => ModelOutcome>>;

/** The model backend for one spec. */
export function modelBackend(specId: string, models: ModelTable): Backend {
  const model = models[specId];
  return {
    name: 'model',
    async probe(): Promise<Capabilities> {
      const specs = Object.keys(models);
      return { name: 'model', specs, unsupported: {}, data: true, maxBatch: Number.MAX_SAFE_INTEGER, info: {} };
    },
    async run(cases) {
      if (!model) throw new Error(`model backend: no model for spec ${specId}`);
      const out = new Array<ModelOutcome>(cases.length);
      for (let i = 0; i < cases.length; i++) out[i] = model(cases[i]!);
      return out;
    },
    async close() {},
  };
}
