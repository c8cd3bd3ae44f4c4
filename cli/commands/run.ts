/** `uring-spec run`: evaluates given cases on a backend and prints one outcome per case. */
import { readText } from '../../corpus/file-error.js';
import { BackendFailure } from '../../runner/backend.js';
import { runEach } from '../../runner/run-each.js';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { getCaseSpec } from '../../registry/specs.js';
import { outcomeJson } from '../../report/outcome-json.js';
import { parse, required } from '../args.js';
import { BACKEND_OPTIONS, BACKEND_OPTIONS_USAGE, backendOptions } from '../backend-options.js';
import { caseFromOptions, caseLines, type CaseLine } from '../case-input.js';
import { EXIT } from '../exit-codes.js';
import { fileUsage } from '../files.js';
import { asUsage, UsageError } from '../usage-error.js';
import { probeFor, withBackend } from '../with-backend.js';

export const RUN_USAGE = `uring-spec run --spec ID --backend NAME (--sqe HEX --ctx JSON|default | --cases FILE) [--json]
    [--batch-timeout S] [--startup-timeout S]
  Evaluates cases and prints one outcome a line. --ctx gives every key of the ring context
  (setupFlags, nrBufs, bufSize, ops, personalities); --ctx default is a plain ring and prints it.
  --cases takes JSON lines {"sqe": HEX, "ctx": {...}}: output line i answers input line i, an
  outcome {"line": i, "res": ...}, {"line": i, "error": "..."} for a line that cannot be
  evaluated, or {"line": i, "skipped": ...} for a blank or # line; rejected lines are counted on
  stderr and make the exit code 2.
${BACKEND_OPTIONS_USAGE}`;

function outcomeText(o: Outcome): string {
  const j = outcomeJson(o);
  return `res ${o.res} ${j.errno}${o.rule ? ` (${o.rule})` : ''}${o.posted ? '' : ', no completion posted'}${j.data ? `\ndata ${JSON.stringify(j.data)}` : ''}\n`;
}

/** Runs the command; returns the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parse('run', argv, { spec: { type: 'string' }, backend: { type: 'string' }, sqe: { type: 'string' }, ctx: { type: 'string' }, cases: { type: 'string' }, json: { type: 'boolean' }, ...BACKEND_OPTIONS });
  const spec = asUsage('run', () => getCaseSpec(required('run', 'spec', values.spec as string | undefined, 'e.g. --spec bpf@v1'), 'run evaluates single SQEs; run a sequence with replay --sequence'));
  const backendName = required('run', 'backend', values.backend as string | undefined, 'e.g. --backend model');
  const opts = backendOptions('run', values);
  if ((values.sqe === undefined) === (values.cases === undefined)) throw new UsageError('run: give either --sqe HEX (with --ctx JSON) or --cases FILE');
  if (values.cases !== undefined && values.ctx !== undefined) throw new UsageError('run: --ctx goes with --sqe; each --cases line has its own "ctx"');
  let lines: CaseLine[];
  if (values.cases !== undefined) {
    const path = values.cases as string;
    lines = caseLines(spec, path, fileUsage('run', () => readText(path)));
    if (!lines.some((l) => !('skip' in l))) throw new UsageError(`run: no cases in ${path} (one JSON object a line: {"sqe": HEX, "ctx": {...}})`);
  } else {
    lines = [{ line: 1, case: asUsage('run', () => caseFromOptions('run', spec, values.sqe as string, values.ctx as string | undefined)) }];
  }
  const rejected = lines.filter((l) => 'error' in l);
  const cases: Case[] = lines.flatMap((l) => ('case' in l ? [l.case] : []));
  return withBackend(
    'run',
    backendName,
    spec.definition.id,
    async (backend) => {
      await probeFor('run', backend, spec.definition.id);
      // a case that makes the backend fail costs that case's line, not the rest
      const { results } = cases.length ? await runEach(backend, cases) : { results: [] };
      let failed = 0;
      let at = 0;
      for (const l of lines) {
        let out: Record<string, unknown>;
        if ('error' in l) out = { line: l.line, error: l.error };
        else if ('skip' in l) out = { line: l.line, skipped: 'blank or comment line' };
        else {
          const r = results[at++];
          if (r instanceof BackendFailure || r === undefined) {
            failed++;
            out = { line: l.line, error: `backend failure: ${r ? r.message.split('\n')[0] : 'not run after an earlier failure'}` };
          } else out = values.cases !== undefined ? { line: l.line, ...outcomeJson(r) } : outcomeJson(r);
          if (values.cases === undefined && !values.json) {
            if (r instanceof BackendFailure || r === undefined) process.stderr.write(`run: ${out.error as string}\n`);
            else process.stdout.write(outcomeText(r));
            continue;
          }
        }
        process.stdout.write(JSON.stringify(out) + '\n');
      }
      if (rejected.length) process.stderr.write(`run: ${rejected.length} of ${lines.filter((l) => !('skip' in l)).length} lines rejected (see their "error")\n`);
      // not bad usage: the implementation misbehaved (crashed, hung, garbled its answer)
      if (failed) process.stderr.write(`run: the backend failed on ${failed} case${failed === 1 ? '' : 's'}\n`);
      return failed ? EXIT.failed : rejected.length ? EXIT.usage : EXIT.passed;
    },
    opts,
  );
}
