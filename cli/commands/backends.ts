/** `uring-spec backends`: the backends and what each one's probe found on this machine. */
import type { Capabilities } from '../../runner/backend.js';
import { listMutants, parseBackend } from '../../backends/registry.js';
import { vmAvailability } from '../../backends/vm/qemu.js';
import { parse } from '../args.js';

export const BACKENDS_USAGE = `uring-spec backends [--json]
  Probes model, c-ref and kernel (and lists the mutants): which specs each runs here, and why not;
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
  for (const name of ['model', 'c-ref', 'kernel']) {
    let backend;
    try {
      backend = parseBackend(name, 'bpf@v1');
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
  process.stdout.write(`mutant:<name> (${mutants.length}): ${mutants.map((m) => m.name).join(', ')}\nexec:<command>: any program speaking uring-spec/1 (docs/exec-protocol.md)\n`);
  process.stdout.write(`vm:<image>: ${vm.available ? '' : 'unavailable: '}${vm.text} (docs/vm.md)\n`);
  return 0;
}
