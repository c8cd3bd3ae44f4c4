/**
 * A command's backend from its name: bad names and a backend that cannot start are usage errors
 * (exit 2, one line), and the backend is closed whatever happens, so no adapter outlives the command.
 */
import { BackendFailure, BackendStartError, type Backend, type Capabilities } from '../runner/backend.js';
import { parseBackend, type BackendOptions } from '../backends/registry.js';
import { EXIT } from './exit-codes.js';
import { asUsage, UsageError } from './usage-error.js';

/** Runs `fn` with the backend `name` for spec `specId`; returns what `fn` returns. */
export async function withBackend(command: string, name: string, specId: string, fn: (backend: Backend) => Promise<number>, opts: BackendOptions = {}): Promise<number> {
  const backend = asUsage(command, () => parseBackend(name, specId, opts));
  let code: number;
  try {
    code = await fn(backend);
  } catch (e) {
    await backend.close().catch(() => {}); // the first error is the one to report
    if (e instanceof BackendStartError) throw new UsageError(`${command}: ${e.message}`);
    throw e;
  }
  try {
    await backend.close();
  } catch (e) {
    // some problems show only at the end (the vm backend reads the guest's console once it has
    // powered off): the run fails with them even though every result was already reported
    if (!(e instanceof BackendFailure)) throw e;
    process.stderr.write(`${command}: ${e.message}\n`);
    return EXIT.failed;
  }
  return code;
}

/** The backend's capabilities; exit 77 (one line) when it cannot run the spec here. */
export async function probeFor(command: string, backend: Backend, specId: string): Promise<Capabilities> {
  const caps = await backend.probe();
  if (!caps.specs.includes(specId)) {
    const why = caps.unsupported[specId] ?? `not implemented (it implements: ${caps.specs.join(', ') || 'none'})`;
    throw new UsageError(`${command}: backend ${backend.name} cannot run ${specId}: ${why}`, EXIT.skipped);
  }
  return caps;
}
