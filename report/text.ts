/** The `check` report for people: one line per property, failures as reproductions, rule counts. */
import type { SpecBundle } from '../registry/specs.js';
import { decodeSqe } from '../spec/sqe.js';
import { fromHex } from '../spec/hex.js';
import type { Paint } from './colour.js';
import type { CheckReport } from './json.js';
import { isRingCounterexample, type AnyCounterexample, type Counterexample, type RingCounterexample } from './counterexample.js';
import { sqeFieldLines } from './sqe-fields.js';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A counterexample as an indented block (a single SQE's, or a stateful spec's sequence). */
export function counterexampleText(cx: AnyCounterexample, p: Paint, indent = '    '): string {
  return isRingCounterexample(cx) ? ringCounterexampleText(cx, p, indent) : caseCounterexampleText(cx, p, indent);
}

/** A result in a step table: `-22 EINVAL`. */
function resultText(v: { res: number; errno: string; anomaly?: string } | null): string {
  if (v === null) return '(none: the backend failed on the sequence)';
  return v.anomaly ? `[${v.anomaly}]` : `${v.res} ${v.errno}`;
}

/** A stateful counterexample: message, ring, each step (words, record fields, expected, got), replay, C. */
export function ringCounterexampleText(cx: RingCounterexample, p: Paint, indent = '    '): string {
  const lines = [`${p.red(cx.message)}`, `ring: setup flags 0x${cx.ring.setupFlags.toString(16)}, 8 SQ entries, fresh before step 1`, `${cx.steps.length} steps, run as one sequence request:`];
  for (const s of cx.steps) {
    const mark = s.differs ? p.red('>') : ' ';
    const again = cx.again ? `; run again ${resultText(cx.again[s.index - 1] ?? null)}` : '';
    lines.push(`${mark} ${String(s.index).padStart(2)}. ${s.words}`);
    lines.push(`      record: ${s.fields}`);
    const got = s.actual ? `got ${resultText(s.actual)}` : 'got (none)';
    const line = `      expected ${resultText(s.expected)} (${s.expected.rule ?? '-'}), ${got}${again}`;
    lines.push(s.differs ? p.red(`${line}   <- differs`) : line);
  }
  if (cx.ruleSource) lines.push(`rule source (step ${cx.sequence.differs + 1}): ${cx.ruleSource}`);
  lines.push(`shrunk in ${cx.shrinks} steps; replay:`, `  ${cx.replay}`, 'in C:', ...cx.c.split('\n').map((l) => `  ${l}`));
  return lines.map((l) => indent + l).join('\n');
}

/** A single-SQE counterexample as an indented block: message, fields, hex, context, expected/got, replay. */
function caseCounterexampleText(cx: Counterexample, p: Paint, indent: string): string {
  const sqe = decodeSqe(fromHex(cx.sqe, 64));
  const lines = [
    `${p.red(cx.message)}`,
    `sqe ${cx.sqe}`,
    ...sqeFieldLines(sqe).map((l) => `  ${l}`),
    `ctx ${JSON.stringify(cx.context)}`,
    `expected ${cx.expected.res} ${cx.expected.errno}${cx.expected.rule ? ` (${cx.expected.rule})` : ''}`,
    `got      ${cx.actual.res} ${cx.actual.errno}${cx.actual.rule ? ` (${cx.actual.rule})` : ''}${cx.actual.anomaly ? ` [${cx.actual.anomaly}]` : ''}`,
    ...(cx.expected.data || cx.actual.data ? [`expected data ${JSON.stringify(cx.expected.data ?? null)}`, `got data      ${JSON.stringify(cx.actual.data ?? null)}`] : []),
    ...(cx.ruleSource ? [`rule source: ${cx.ruleSource}`] : []),
    `shrunk in ${cx.shrinks} steps; replay:`,
    `  ${cx.replay}`,
    'in C:',
    ...cx.c.split('\n').map((l) => `  ${l}`),
  ];
  return lines.map((l) => indent + l).join('\n');
}

/** The full text report. */
export function checkText(spec: SpecBundle, r: CheckReport, p: Paint): string {
  const out: string[] = [];
  out.push(p.bold(`uring-spec check: spec ${r.spec}, backend ${r.backend}, seed ${r.seed}`));
  if (r.status === 'skipped') {
    out.push(p.yellow(`SKIPPED, nothing ran: ${r.reason}`));
    return out.join('\n');
  }
  const w = Math.max(...r.properties.map((x) => x.name.length));
  // a stateful spec counts steps (of sequences on one ring), a single-SQE spec cases
  const unit = spec.kind === 'stateful' ? 'steps' : 'cases';
  const shown = new Map<string, string>();
  for (const prop of r.properties) {
    const mark = prop.status === 'passed' ? p.green('pass') : prop.status === 'failed' ? p.red('FAIL') : prop.status === 'skipped' ? p.yellow('skip') : p.yellow('n/a ');
    out.push(`  ${mark}  ${pad(prop.name, w)}  ${String(prop.cases).padStart(8)} ${unit}${prop.reason ? `  (${prop.reason})` : ''}`);
    if (prop.status === 'failed') {
      // one cause, one block: a backend that fails every property the same way is shown once
      const first = prop.message ? shown.get(prop.message) : undefined;
      if (first) out.push(`    ${p.red(`the same failure as ${first}`)}`);
      else if (prop.counterexample) out.push(counterexampleText(prop.counterexample, p));
      else out.push(`    ${p.red(prop.message ?? 'failed')}`);
      if (prop.replay && !first) out.push(`    replay (what was in flight, on a fresh boot):\n      ${prop.replay}`);
      if (prop.message && !first) shown.set(prop.message, prop.name);
    }
  }
  if (r.interruptedBy) {
    const notRun = r.properties.filter((x) => x.status === 'not-run').length;
    const failed = r.properties.filter((x) => x.status === 'failed').length;
    out.push(p.red(`INTERRUPTED by ${r.interruptedBy}: ${r.properties.length - notRun} properties ended (${failed} failed), the rest not run; ${r.cases} cases in ${(r.ms / 1000).toFixed(2)} s; seed ${r.seed}`));
    return out.join('\n');
  }
  out.push('rules fired:');
  const rw = Math.max(...Object.keys(r.rules).map((k) => k.length));
  for (const rule of spec.definition.rules) {
    const n = r.rules[rule.id] ?? 0;
    out.push(`  ${pad(rule.id, rw)}  ${pad(rule.errno, 10)} ${n === 0 ? p.yellow(String(n).padStart(8)) : String(n).padStart(8)}`);
  }
  if (r.ruleCoverage && r.ruleCoverage.below.length > 0) out.push(p.red(`rules fired fewer than ${r.ruleCoverage.minHits} times (--min-rule-hits): ${r.ruleCoverage.below.join(', ')}`));
  if (r.classes !== undefined) out.push(`exhaustive: ${r.classes} equivalence-class combinations`);
  const passed = r.properties.filter((x) => x.status === 'passed').length;
  const failed = r.properties.filter((x) => x.status === 'failed').length;
  const skipped = r.properties.filter((x) => x.status === 'skipped').length;
  const notRun = r.properties.filter((x) => x.status === 'not-run').length;
  const verdict = r.status === 'passed' ? (notRun ? p.red('INCOMPLETE') : p.green('passed')) : p.red('failed');
  out.push(`${verdict}: ${passed} properties passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${notRun ? `, ${p.red(`${notRun} NOT RUN`)}` : ''}; ${r.cases} ${unit} in ${(r.ms / 1000).toFixed(2)} s (${r.casesPerSecond} ${unit}/s)${r.interrupted ? '; stopped by --time-budget' : ''}; seed ${r.seed}`);
  if (notRun) out.push(p.red(`${notRun} properties did not run (${[...new Set(r.properties.filter((x) => x.status === 'not-run').map((x) => x.reason ?? 'not run'))].join('; ')}): the check is incomplete and exits 1 unless --allow-partial`));
  return out.join('\n');
}
