/** `uring-spec specs`: the specs and their rules. */
import { SPECS } from '../../registry/specs.js';
import { parse } from '../args.js';

export const SPECS_USAGE = `uring-spec specs [--json]
  Lists every spec with its rules in check order: id, errno, order, summary, source.`;

/** Runs the command; returns the exit code. */
export async function specsCommand(argv: string[]): Promise<number> {
  const { values } = parse('specs', argv, { json: { type: 'boolean' } });
  const all = [...SPECS.values()].map((s) => s.definition);
  if (values.json) {
    process.stdout.write(JSON.stringify(all) + '\n');
    return 0;
  }
  for (const s of all) {
    process.stdout.write(`${s.id}: ${s.title}\n  ${s.description}\n`);
    for (const r of s.rules) process.stdout.write(`  ${String(r.order).padStart(3)}  ${r.id.padEnd(36)} ${r.errno.padEnd(10)} ${r.summary}\n${' '.repeat(7)}source: ${r.source}\n`);
  }
  return 0;
}
