/** `uring-spec specs`: the specs and their rules. */
import { isStateful, SPECS } from '../../registry/specs.js';
import { parse } from '../args.js';

export const SPECS_USAGE = `uring-spec specs [--json]
  Lists every spec with its rules in check order: id, errno, order, summary, source. A stateful
  spec (sequences of steps on one ring, docs/stateful.md) says so, with its built-in mutants.`;

/** Runs the command; returns the exit code. */
export async function specsCommand(argv: string[]): Promise<number> {
  const { values } = parse('specs', argv, { json: { type: 'boolean' } });
  const specs = [...SPECS.values()];
  if (values.json) {
    const all = specs.map((b) => (isStateful(b) ? { ...b.definition, kind: 'stateful', mutants: b.mutants.map((m) => ({ name: m.name, description: m.description })), ...(b.declaration.needs ? { needs: b.declaration.needs } : {}) } : { ...b.definition, kind: 'case' }));
    process.stdout.write(JSON.stringify(all) + '\n');
    return 0;
  }
  for (const b of specs) {
    const s = b.definition;
    process.stdout.write(`${s.id}: ${s.title}${isStateful(b) ? ' (stateful: sequences of steps on one ring)' : ''}\n  ${s.description}\n`);
    if (isStateful(b) && b.declaration.needs) process.stdout.write(`  needs: ${b.declaration.needs}\n`);
    if (isStateful(b) && b.mutants.length) process.stdout.write(`  mutants: ${b.mutants.map((m) => m.name).join(', ')}\n`);
    for (const r of s.rules) process.stdout.write(`  ${String(r.order).padStart(3)}  ${r.id.padEnd(36)} ${r.errno.padEnd(10)} ${r.summary}\n${' '.repeat(7)}source: ${r.source}\n`);
  }
  return 0;
}
