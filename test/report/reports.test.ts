/** Every report format, checked by parsing what it wrote. */
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';
import { checkReport, withRuleCoverage, type CheckReport } from '../../report/json.js';
import { junitXml } from '../../report/junit.js';
import { summaryMarkdown } from '../../report/summary.js';
import { checkText } from '../../report/text.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { emptyTableEinval } from '../helpers/broken-backend.js';

const spec = getSpec('bpf@v1');
const plain = { red: (s: string) => s, green: (s: string) => s, yellow: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s };
const names = () => spec.properties.map((p) => p.name);
let report: CheckReport;

beforeAll(async () => {
  report = checkReport(spec, await checkSpec(spec, emptyTableEinval, { seed: 5, runs: 400 }));
});

describe('JSON report', () => {
  it('round-trips through JSON with the documented keys', () => {
    const j = JSON.parse(JSON.stringify(report));
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['spec', 'backend', 'status', 'seed', 'cases', 'casesPerSecond', 'properties', 'rules']));
    expect(j.status).toBe('failed');
    const f = j.properties.find((p: { name: string }) => p.name === 'fixed-empty-table-efault');
    expect(f.counterexample.sqe).toMatch(/^[0-9a-f]{128}$/);
    expect(f.counterexample.expected).toMatchObject({ res: -14, errno: 'EFAULT', rule: 'bpf.buf1.fixed.empty-table' });
    expect(f.counterexample.actual).toMatchObject({ res: -22, errno: 'EINVAL' });
    expect(f.counterexample.replay).toContain(`--sqe ${f.counterexample.sqe}`);
    expect(f.counterexample.ruleSource).toContain('lore.kernel.org');
    expect(sqeFromHex(f.counterexample.sqe).opcode).toBe(65);
    expect(Object.keys(j.rules).sort()).toEqual(spec.definition.rules.map((r) => r.id).sort());
  });

  it('--min-rule-hits fails a run and names the rules below K', () => {
    const passed = { ...report, status: 'passed' as const };
    const r = withRuleCoverage(passed, 1_000_000);
    expect(r.status).toBe('failed');
    expect(r.ruleCoverage!.below.length).toBe(spec.definition.rules.length);
    expect(withRuleCoverage(passed, 0).status).toBe('passed');
  });
});

describe('JUnit XML', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

  it('has one testsuite per spec and backend, one stable testcase per property', () => {
    const xml = parser.parse(junitXml([report], names));
    const suite = xml.testsuites.testsuite;
    expect(suite['@name']).toBe('uring-spec bpf@v1 on empty-table-einval');
    const cases = suite.testcase as { '@name': string; failure?: unknown }[];
    expect(cases.map((c) => c['@name'])).toEqual(report.properties.map((p) => p.name));
    for (const c of cases) expect(c['@name']).not.toContain(String(report.seed));
    const failed = cases.filter((c) => c.failure).map((c) => c['@name']);
    expect(failed).toContain('fixed-empty-table-efault');
    expect(Number(suite['@failures'])).toBe(failed.length);
  });

  it('reports a skipped spec as skipped testcases', () => {
    const skipped: CheckReport = { ...report, status: 'skipped', reason: 'no io_uring', properties: [] };
    const xml = parser.parse(junitXml([skipped], names));
    const cases = xml.testsuites.testsuite.testcase as { skipped?: unknown }[];
    expect(cases.length).toBe(names().length);
    expect(cases.every((c) => c.skipped !== undefined)).toBe(true);
  });
});

describe('Markdown summary', () => {
  it('has the verdict, the rule-coverage table and each failure as a reproduction', () => {
    const md = summaryMarkdown(spec, report);
    expect(md).toMatch(/^## ❌ uring-spec bpf@v1 on empty-table-einval: failed/);
    for (const r of spec.definition.rules) expect(md).toContain(`| \`${r.id}\` | ${r.errno} |`);
    expect(md).toContain('### ❌ fixed-empty-table-efault');
    expect(md).toContain('```sh\nnpx uring-spec replay --spec bpf@v1');
    expect(md).toContain('sqe->opcode = 0x41;');
    expect(md).toContain('IORING_BPF_OP_FLAGS(0, 2, 0, 0x0)');
  });
});

describe('text report', () => {
  it('prints fields, hex, context, expected and got as errno names, and the replay command', () => {
    const t = checkText(spec, report, plain);
    expect(t).toContain('FAIL  fixed-empty-table-efault');
    expect(t).toMatch(/expected -14 EFAULT \(bpf\.buf1\.fixed\.empty-table\)/);
    expect(t).toMatch(/got +-22 EINVAL/);
    expect(t).toContain('buf_index (buf_group)');
    expect(t).toContain(`seed ${report.seed}`);
    expect(t).not.toContain('\x1b['); // no colour unless a TTY
  });
});

describe('one cause, one block', () => {
  it('properties failing with the same message are shown once in full, then named as the same failure', () => {
    const failed = report.properties.filter((p) => p.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    const first = failed[0]!;
    // a backend that fails every property the same way (an adapter given up on, say)
    const same: CheckReport = { ...report, properties: [first, { ...first, name: 'second' }, { ...first, name: 'third' }] };
    const text = checkText(spec, same, plain);
    expect(text.split(first.message!).length - 1).toBe(1);
    expect(text).toContain(`  FAIL  second`);
    expect(text.match(new RegExp(`the same failure as ${first.name}`, 'g'))).toHaveLength(2);
  });
});
