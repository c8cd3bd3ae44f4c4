/** `uring-spec diff A B`: what changed from spec A to spec B, with a disagreeing example per changed rule. */
import { diffSpecs, type SpecDiff } from '../../runner/diff.js';
import { getCaseSpec } from '../../registry/specs.js';
import { resName } from '../../spec/errno.js';
import { sqeToHex } from '../../spec/sqe.js';
import { shellQuote } from '../../report/shell-quote.js';
import { intOption, parse, seedOption } from '../args.js';
import { UsageError } from '../usage-error.js';

export const DIFF_USAGE = `uring-spec diff A B [--json] [--seed S] [--samples N]
  What changed from spec A to spec B: rules added, removed and changed (errno, check order,
  condition), the op flags layout and named constants; for every such rule one SQE + context on
  which the two models disagree, with both results and the run commands that show them.`;

const hex = (n: number | null) => (n === null ? '-' : `0x${n.toString(16)}`);

/** An outcome as JSON: res, its errno name, the rule, posted. */
const view = (o: { res: number; rule: string; posted: boolean }) => ({ res: o.res, errno: resName(o.res), rule: o.rule, posted: o.posted });

function result(o: { res: number; rule: string }): string {
  return `${o.res} ${resName(o.res)} (${o.rule})`;
}

function runLine(spec: string, sqe: string, ctx: unknown): string {
  return ['npx', 'uring-spec', 'run', '--spec', spec, '--backend', 'model', '--sqe', sqe, '--ctx', JSON.stringify(ctx)].map(shellQuote).join(' ');
}

/** The diff as text. */
export function diffText(d: SpecDiff): string {
  const out: string[] = [`uring-spec diff ${d.a} ${d.b}`];
  if (d.constants.length) {
    out.push('constants:');
    for (const c of d.constants) out.push(`  ~ setup flag: ${c.name[0] ?? '-'} = ${hex(c.value[0])}  ->  ${c.name[1] ?? '-'} = ${hex(c.value[1])}`);
  }
  const lay = d.layout.filter((l) => l.a !== l.b);
  if (lay.length) {
    out.push('layout (op flags word):');
    for (const l of d.layout) out.push(`  ${l.a === null ? '+' : l.b === null ? '-' : l.a === l.b ? '=' : '~'} ${l.name.padEnd(10)} ${l.a ?? ''}${l.a && l.b && l.a !== l.b ? ' -> ' : ''}${l.a !== l.b ? (l.b ?? '') : ''}`);
  }
  out.push('rules:');
  for (const r of d.removed) out.push(`  - ${r.id.padEnd(36)} ${r.errno.padEnd(10)} order ${r.order}: ${r.summary}`);
  for (const r of d.added) out.push(`  + ${r.id.padEnd(36)} ${r.errno.padEnd(10)} order ${r.order}: ${r.summary}`);
  for (const c of d.changed) {
    out.push(`  ~ ${c.id}`);
    if (c.errno) out.push(`      errno      ${c.errno[0]} -> ${c.errno[1]}`);
    if (c.order) out.push(`      order      ${c.order[0]} -> ${c.order[1]}`);
    if (c.condition) out.push(`      condition  ${c.condition[0]}\n              -> ${c.condition[1]}`);
  }
  if (!d.removed.length && !d.added.length && !d.changed.length) out.push('  (no rule changed)');
  if (d.examples.length) out.push('examples (the models disagree):');
  for (const e of d.examples) {
    const sqe = sqeToHex(e.sqe);
    out.push(`  ${e.rule}`, `    sqe ${sqe}`);
    out.push(`    ${d.a.padEnd(12)} ctx ${JSON.stringify(e.ctxA)}  ->  ${result(e.a)}`);
    out.push(`    ${d.b.padEnd(12)} ctx ${JSON.stringify(e.ctxB)}  ->  ${result(e.b)}`);
    out.push(`    ${runLine(d.a, sqe, e.ctxA)}`, `    ${runLine(d.b, sqe, e.ctxB)}`);
  }
  for (const r of d.unexampled) out.push(`  ${r}: no disagreeing case found (the change does not alter any result, or try --samples)`);
  return out.join('\n') + '\n';
}

/** Runs the command; returns the exit code (0: the diff was printed, whatever it says). */
export async function diffCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('diff', argv, { json: { type: 'boolean' }, seed: { type: 'string' }, samples: { type: 'string' } }, true);
  if (positionals.length !== 2) throw new UsageError(`diff: takes two spec ids, got ${positionals.length} (e.g. uring-spec diff bpf@v1 bpf@v2)`);
  const [a, b] = positionals.map((id) => {
    try {
      return getCaseSpec(id, 'diff compares single-SQE specs (their models on the same SQE and context); compare stateful catalogues with uring-spec specs');
    } catch (e) {
      throw new UsageError(`diff: ${(e as Error).message}`);
    }
  });
  const d = diffSpecs(a!, b!, { seed: seedOption('diff', values.seed as string | undefined) ?? 1, samples: intOption('diff', 'samples', values.samples as string | undefined, 20000, 1, 10_000_000) });
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...d, examples: d.examples.map((e) => ({ ...e, sqe: sqeToHex(e.sqe), a: view(e.a), b: view(e.b) })) }) + '\n');
  } else process.stdout.write(diffText(d));
  return 0;
}
