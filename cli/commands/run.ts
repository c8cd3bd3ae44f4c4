/** `uring-spec run`: evaluates given cases on a backend and prints one outcome per case. */
import { readFileSync } from 'node:fs';
import { BackendFailure } from '../../runner/backend.js';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { getSpec, type SpecBundle } from '../../registry/specs.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { hexBigints } from '../../report/json-fields.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';
import { probeFor, withBackend } from '../with-backend.js';

export const RUN_USAGE = `uring-spec run --spec ID --backend NAME (--sqe HEX --ctx JSON | --cases FILE) [--json]
  Evaluates cases; --cases takes JSON lines {"sqe": HEX, "ctx": {...}}. Prints one outcome a line.`;

/** A case from its hex SQE and JSON context, checked against the spec's domain. */
export function caseFrom(spec: SpecBundle, sqeHex: unknown, ctx: unknown, where: string): Case {
  if (typeof sqeHex !== 'string') throw new Error(`${where}: "sqe" must be a string of 128 hex digits`);
  let sqe;
  try {
    sqe = sqeFromHex(sqeHex);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  const context = parseContext(ctx ?? {}, `${where}: ctx`);
  const outside = spec.domain(sqe, context);
  if (outside) throw new Error(`${where}: ${outside}`);
  return { sqe, ctx: context };
}

/** Cases from a JSON-lines file (blank lines and lines starting with # are skipped). */
export function casesFromFile(spec: SpecBundle, path: string): Case[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const out: Case[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    let obj: { sqe?: unknown; ctx?: unknown };
    try {
      obj = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error(`${path}:${i + 1}: expected an object {"sqe": HEX, "ctx": {...}}`);
    out.push(caseFrom(spec, obj.sqe, obj.ctx, `${path}:${i + 1}`));
  });
  if (out.length === 0) throw new Error(`no cases in ${path} (one JSON object a line: {"sqe": HEX, "ctx": {...}})`);
  return out;
}

/** An outcome as JSON: res, errno name, rule, data (u64 as hex strings), posted. */
export function outcomeJson(o: Outcome): Record<string, unknown> {
  const data = o.data ? hexBigints(o.data) : null;
  const out: Record<string, unknown> = { res: o.res, errno: resName(o.res), rule: o.rule ?? null, data, posted: o.posted };
  if (o.anomaly) out.anomaly = o.anomaly;
  return out;
}

/** Runs the command; returns the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parse('run', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, cases: { type: 'string' }, json: { type: 'boolean' } });
  const spec = asUsage('run', () => getSpec(required('run', 'spec', values.spec as string | undefined, 'e.g. --spec bpf@v1')));
  const backendName = required('run', 'backend', values.backend as string | undefined, 'e.g. --backend model');
  if ((values.sqe === undefined) === (values.cases === undefined)) throw new UsageError('run: give either --sqe HEX (with --ctx JSON) or --cases FILE');
  const cases = asUsage('run', () => (values.cases !== undefined ? casesFromFile(spec, values.cases as string) : [caseFrom(spec, values.sqe, values.ctx ?? '{}', '--sqe/--ctx')]));
  return withBackend('run', backendName, spec.definition.id, async (backend) => {
    await probeFor('run', backend, spec.definition.id);
    let got: Outcome[];
    try {
      got = await backend.run(cases);
    } catch (e) {
      if (!(e instanceof BackendFailure)) throw e;
      // not bad usage: the implementation misbehaved (crashed, hung, garbled its answer)
      process.stderr.write(`run: backend failure: ${e.message.split('\n')[0]}\n`);
      return 1;
    }
    for (const o of got) {
      const j = outcomeJson(o);
      process.stdout.write(values.json || values.cases !== undefined ? JSON.stringify(j) + '\n' : `res ${o.res} ${j.errno}${o.rule ? ` (${o.rule})` : ''}${o.posted ? '' : ', no completion posted'}${j.data ? `\ndata ${JSON.stringify(j.data)}` : ''}\n`);
    }
    return 0;
  });
}
