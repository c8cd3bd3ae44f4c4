/** `uring-spec check`: every property of a spec against a backend. */
import { BackendStartError } from '../../backends/backend.js';
import { parseBackend } from '../../backends/registry.js';
import { checkSpec } from '../../properties/check.js';
import { freshSeed } from '../../properties/seed.js';
import { getSpec } from '../../registry/specs.js';
import { paintFor } from '../../report/colour.js';
import { checkReport } from '../../report/json.js';
import { checkText } from '../../report/text.js';
import { intOption, parse, required, seedOption } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';

export const CHECK_USAGE = `uring-spec check --spec ID --backend NAME [--runs N] [--seed S] [--json] [--batch-size N] [--time-budget SECONDS]
  Runs every property of the spec against the backend. --runs is cases per property (default 1000).
  Exit 0 passed or skipped, 1 a property failed, 2 bad usage.`;

/** Runs the command; returns the exit code. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parse('check', argv, {
    spec: { type: 'string' },
    backend: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    'batch-size': { type: 'string' },
    'time-budget': { type: 'string' },
  });
  const spec = asUsage('check', () => getSpec(required('check', 'spec', values.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('check', 'backend', values.backend as string | undefined, 'e.g. --backend model');
  const runs = intOption('check', 'runs', values.runs as string | undefined, 1000, 1);
  const seed = seedOption('check', values.seed as string | undefined) ?? freshSeed();
  const batchSize = intOption('check', 'batch-size', values['batch-size'] as string | undefined, 256, 1, 4096);
  const budget = values['time-budget'] === undefined ? undefined : intOption('check', 'time-budget', values['time-budget'] as string, 0, 1);
  const backend = asUsage('check', () => parseBackend(backendName, spec.definition.id));
  try {
    const result = await checkSpec(spec, backend, { seed, runs, batchSize, timeBudget: budget });
    const report = checkReport(spec, result);
    if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
    else process.stdout.write(checkText(spec, report, paintFor(process.stdout)) + '\n');
    return report.status === 'failed' ? 1 : 0;
  } catch (e) {
    if (e instanceof BackendStartError) throw new UsageError(`check: ${e.message}`);
    throw e;
  } finally {
    await backend.close();
  }
}
