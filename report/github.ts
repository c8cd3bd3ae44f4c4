/**
 * GitHub Actions workflow commands for a check: one `::error` annotation per failed property (the
 * reproduction as its text), one for a rule-coverage failure, a `::warning` for a skipped spec.
 * Escaped as the Actions runner unescapes them (actions/toolkit, command.ts): data escapes `%`,
 * CR and LF; properties also escape `:` and `,`, which would otherwise end the property.
 */
import { paintFor } from './colour.js';
import type { CheckReport } from './json.js';
import { counterexampleText } from './text.js';

const plain = paintFor({ isTTY: false });

/** A workflow command's message (the part after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (`title=...`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning', title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** The workflow-command lines for a check report (none for a clean pass). */
export function githubAnnotations(r: CheckReport): string[] {
  const where = `uring-spec ${r.spec} on ${r.backend}`;
  if (r.status === 'skipped') return [command('warning', `${where}: skipped`, r.reason ?? 'skipped')];
  const out: string[] = [];
  for (const p of r.properties) {
    if (p.status !== 'failed') continue;
    const head = `property ${p.name} failed (seed ${r.seed}, ${p.cases} cases)`;
    const body = p.counterexample ? counterexampleText(p.counterexample, plain, '  ') : `  ${p.message ?? 'failed'}`;
    out.push(command('error', `${where}: ${p.name}`, `${head}\n${body}`));
  }
  if (r.ruleCoverage && r.ruleCoverage.below.length > 0) {
    out.push(command('error', `${where}: rule coverage`, `rules fired fewer than ${r.ruleCoverage.minHits} times: ${r.ruleCoverage.below.join(', ')}`));
  }
  return out;
}
