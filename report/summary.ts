/** Markdown for a CI job summary: the verdict, the rule-coverage table, each failure's reproduction. */
import type { SpecBundle } from '../registry/specs.js';
import type { CheckReport } from './json.js';
import { isRingCounterexample } from './counterexample.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The summary of one check. */
export function summaryMarkdown(spec: SpecBundle, r: CheckReport): string {
  const icon = r.status === 'passed' ? '✅' : r.status === 'failed' ? '❌' : r.status === 'interrupted' ? '⛔' : '⏭️';
  const out: string[] = [`## ${icon} uring-spec ${r.spec} on ${r.backend}: ${r.status}`, ''];
  if (r.status === 'skipped') {
    out.push(`**Nothing ran.** Skipped: ${r.reason ?? ''}`, '');
    return out.join('\n');
  }
  const passed = r.properties.filter((p) => p.status === 'passed').length;
  out.push(`${passed} of ${r.properties.length} properties passed, ${r.cases} cases, ${r.casesPerSecond} cases/s, seed \`${r.seed}\`${r.classes !== undefined ? `, ${r.classes} equivalence classes` : ''}${r.interrupted ? ' (stopped by the time budget)' : ''}.`, '');
  const notRun = r.properties.filter((p) => p.status === 'not-run');
  if (r.interruptedBy) out.push(`**Interrupted by ${r.interruptedBy}**: the report holds the properties that ended before it.`, '');
  if (notRun.length) out.push(`⚠️ **${notRun.length} properties did not run** (${[...new Set(notRun.map((p) => p.reason ?? 'not run'))].join('; ')}): the check is incomplete.`, '');
  out.push('| property | status | cases |', '|---|---|---|');
  for (const p of r.properties) out.push(`| ${cell(p.name)} | ${p.status} | ${p.cases} |`);
  out.push('', '### Rule coverage', '', '| rule | errno | fired |', '|---|---|---|');
  for (const rule of spec.definition.rules) {
    const n = r.rules[rule.id] ?? 0;
    const low = r.ruleCoverage && n < r.ruleCoverage.minHits ? ' ⚠️' : '';
    out.push(`| \`${rule.id}\` | ${rule.errno} | ${n}${low} |`);
  }
  for (const p of r.properties.filter((x) => x.status === 'failed')) {
    out.push('', `### ❌ ${p.name}`, '', p.message ?? '');
    const cx = p.counterexample;
    if (!cx) continue;
    if (isRingCounterexample(cx)) {
      out.push('', `- ring: setup flags \`0x${cx.ring.setupFlags.toString(16)}\``, '', '| step | what | expected | got |', '|---|---|---|---|');
      for (const s of cx.steps) out.push(`| ${s.differs ? '**' + s.index + '**' : s.index} | ${cell(s.words)} | ${s.expected.res} ${s.expected.errno} (\`${s.expected.rule ?? '-'}\`) | ${s.actual ? `${s.actual.res} ${s.actual.errno}` : '-'} |`);
      out.push('', 'Replay:', '', '```sh', cx.replay, '```', '', 'The sequence in C:', '', '```c', cx.c, '```');
      continue;
    }
    out.push(
      '',
      `- SQE: \`${cx.sqe}\``,
      `- context: \`${JSON.stringify(cx.context)}\``,
      `- expected: ${cx.expected.res} ${cx.expected.errno}${cx.expected.rule ? ` (\`${cx.expected.rule}\`)` : ''}`,
      `- got: ${cx.actual.res} ${cx.actual.errno}${cx.actual.rule ? ` (\`${cx.actual.rule}\`)` : ''}${cx.actual.anomaly ? ` — ${cx.actual.anomaly}` : ''}`,
      ...(cx.ruleSource ? [`- rule source: ${cx.ruleSource}`] : []),
      '',
      'Replay:',
      '',
      '```sh',
      cx.replay,
      '```',
      '',
      'The same SQE in C:',
      '',
      '```c',
      cx.c,
      '```',
    );
  }
  return out.join('\n') + '\n';
}
