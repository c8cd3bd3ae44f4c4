/** An SQE as named fields: `name @offset = value (hex)`, from the layout table. */
import { SQE_LAYOUT, type Sqe } from '../spec/sqe-layout.js';
import { INT_KINDS } from '../spec/int-kinds.js';

/** One line per field, with its aliases. */
export function sqeFieldLines(sqe: Sqe): string[] {
  return SQE_LAYOUT.map((f) => {
    const v = (sqe as Record<string, number | bigint>)[f.name]!;
    const size = INT_KINDS[f.kind].size;
    const unsigned = typeof v === 'bigint' ? v : f.kind === 's32' ? (v as number) >>> 0 : v;
    const hex = `0x${unsigned.toString(16).padStart(size * 2, '0')}`;
    const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
    return `${(f.name + alias).padEnd(44)} @${String(f.offset).padStart(2)} ${f.kind.padEnd(3)} = ${String(v)} ${hex}`;
  });
}
