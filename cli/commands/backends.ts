/** `uring-spec backends`: the backends and what each one's probe found on this machine. */
import type { Capabilities } from '../../runner/backend.js';
import { BACKENDS, listMutants } from '../../backends/registry.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import { parse } from '../args.js';

export const BACKENDS_USAGE = `uring-spec backends [--json]
  Probes ${BACKENDS.filter((k) => k.probed).map((k) => k.syntax).join(', ')} (and lists the others): which specs each runs here, and why not;
  says whether QEMU is there for vm:<image>.`;

interface Row {
  backend: string;
  ok: boolean;
  error?: string;
  capabilities?: Capabilities;
}

/** Runs the command; returns the exit code. */
export async function backendsCommand(argv: string[]): Promise<number> {
  const { values } = parse('backends', argv, { json: { type: 'boolean' } });
  const rows: Row[] = [];
  for (const kind of BACKENDS.filter((k) => k.probed)) {
    const name = kind.syntax;
    let backend;
    try {
      backend = kind.make(name, 'bpf@v1', {});
      rows.push({ backend: name, ok: true, capabilities: await backend.probe() });
    } catch (e) {
      rows.push({ backend: name, ok: false, error: (e as Error).message });
    } finally {
      await backend?.close();
    }
  }
  const mutants = listMutants();
  const vm = vmAvailability();
  if (values.json) {
    process.stdout.write(JSON.stringify({ backends: rows, mutants, vm }) + '\n');
    return 0;
  }
  for (const r of rows) {
    if (!r.ok || !r.capabilities) {
      process.stdout.write(`${r.backend}: unavailable: ${r.error}\n`);
      continue;
    }
    const c = r.capabilities;
    process.stdout.write(`${r.backend}: specs ${c.specs.join(', ') || '(none)'}; data ${c.data ? 'yes' : 'no'}; batches up to ${c.maxBatch === Number.MAX_SAFE_INTEGER ? 'any size' : c.maxBatch}\n`);
    for (const [spec, why] of Object.entries(c.unsupported)) process.stdout.write(`  skips ${spec}: ${why}\n`);
    for (const [k, v] of Object.entries(c.info)) process.stdout.write(`  ${k}: ${JSON.stringify(v)}\n`);
  }
  for (const kind of BACKENDS.filter((k) => !k.probed)) {
    const names = kind.names();
    process.stdout.write(`${kind.syntax}: ${kind.summary}${names.length ? ` (${names.length}): ${names.map((n) => n.slice(n.indexOf(':') + 1)).join(', ')}` : ''}\n`);
  }
  process.stdout.write(`QEMU for vm:<image>: ${vm.available ? '' : 'unavailable: '}${vm.text}\n`);
  return 0;
}
