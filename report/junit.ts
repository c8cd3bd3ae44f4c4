/**
 * JUnit XML for CI systems, through junit-report-builder: one testsuite per spec and backend, one
 * testcase per property with a stable name (no seed in it), skips as skips, the reproduction as
 * the failure's text.
 */
import junitModule, { type Builder } from 'junit-report-builder';
import type { Paint } from './colour.js';
import type { CheckReport } from './json.js';
import { counterexampleText } from './text.js';

// a CommonJS package: Node hands ESM its module.exports (the builder); the typings describe the
// transpiled `default` member, so accept either shape.
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

const plain: Paint = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

/** The JUnit XML of some check reports (one testsuite each). */
export function junitXml(reports: readonly CheckReport[], skippedProperties: (r: CheckReport) => string[]): string {
  const builder = junit.newBuilder();
  for (const r of reports) {
    const suite = builder.testSuite().name(`uring-spec ${r.spec} on ${r.backend}`).timestamp(new Date()).time(r.ms / 1000);
    suite.property('seed', String(r.seed)).property('spec', r.spec).property('backend', r.backend);
    const cls = `uring-spec.${r.spec}.${r.backend}`;
    if (r.status === 'skipped') {
      for (const name of skippedProperties(r)) suite.testCase().className(cls).name(name).skipped().standardOutput(`skipped: ${r.reason ?? ''}`);
      continue;
    }
    for (const p of r.properties) {
      const tc = suite.testCase().className(cls).name(p.name).time(p.ms / 1000);
      tc.standardOutput(`${p.cases} cases; seed ${r.seed}`);
      if (p.status === 'skipped' || p.status === 'not-run') tc.skipped().standardOutput(`${p.status}: ${p.reason ?? ''}`);
      if (p.status === 'failed') {
        const detail = p.counterexample ? counterexampleText(p.counterexample, plain, '') : (p.message ?? 'failed');
        tc.failure(p.message ?? 'property failed', 'PropertyFailure');
        tc.standardError(detail);
      }
    }
    if (r.ruleCoverage) {
      const tc = suite.testCase().className(cls).name('rule-coverage');
      if (r.ruleCoverage.below.length > 0) tc.failure(`rules fired fewer than ${r.ruleCoverage.minHits} times: ${r.ruleCoverage.below.join(', ')}`, 'RuleCoverage');
    }
  }
  return builder.build();
}
