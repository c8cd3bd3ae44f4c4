/**
 * The C header generated from the tables (backends/c/kit/uring_spec_tables.h): the SQE layout,
 * the case and outcome record offsets, and every spec's rules with their errnos. C code refers to
 * rules and offsets through it, so the tables stay the one source: test/backends/c-header.test.ts
 * fails when the committed header and the tables drift apart, and `npm run gen:c-header` rewrites it.
 */
import { SPECS } from '../registry/specs.js';
import { SQE_LAYOUT } from '../spec/sqe-layout.js';
import { CASE_RECORD_LAYOUT, CASE_RECORD_SIZE } from './exec/case-record.js';
import { OUTCOME_RECORD_LAYOUT, OUTCOME_RECORD_SIZE } from './exec/outcome-record.js';
import { RING_RECORD_LAYOUT, STEP_RECORD_LAYOUT } from './exec/step-record.js';

/** Where the header lives, relative to the package root. */
export const C_HEADER_PATH = 'backends/c/kit/uring_spec_tables.h';

/** The C macro naming a rule of a spec: USPEC_RULE_<SPEC>_<RULE>, e.g. USPEC_RULE_BPF_V1_BPF_SETUP_MISSING. */
export function ruleMacro(spec: string, rule: string): string {
  const up = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  return `USPEC_RULE_${up(spec)}_${up(rule)}`;
}

/** The header's text. */
export function cHeader(): string {
  const lines = [
    '/* Generated from the uring-spec tables by `npm run gen:c-header` (backends/c-header.ts). Do not edit. */',
    '#ifndef URING_SPEC_TABLES_H',
    '#define URING_SPEC_TABLES_H',
    '',
    '/* struct io_uring_sqe: byte offset of each field (spec/sqe-layout.ts). */',
    ...SQE_LAYOUT.map((f) => `#define USPEC_SQE_OFF_${f.name.toUpperCase()} ${f.offset}u`),
    '',
    `/* The case record (backends/exec/case-record.ts): the SQE at 0, then the ring context. */`,
    `#define USPEC_CASE_RECORD_SIZE ${CASE_RECORD_SIZE}u`,
    ...Object.entries(CASE_RECORD_LAYOUT).map(([k, v]) => `#define USPEC_CASE_OFF_${k.toUpperCase()} ${v.offset}u /* ${v.size} bytes */`),
    '',
    `/* The outcome record (backends/exec/outcome-record.ts). */`,
    `#define USPEC_OUTCOME_RECORD_SIZE ${OUTCOME_RECORD_SIZE}u`,
    ...Object.entries(OUTCOME_RECORD_LAYOUT).map(([k, v]) => `#define USPEC_OUTCOME_OFF_${k.toUpperCase()} ${v}u`),
    '',
    `/* The sequence request's ring record and step record (backends/exec/step-record.ts, docs/stateful.md). */`,
    ...Object.entries(RING_RECORD_LAYOUT).map(([k, v]) => `#define USPEC_RING_OFF_${k.toUpperCase()} ${v.offset}u /* ${v.size} bytes */`),
    ...Object.entries(STEP_RECORD_LAYOUT).map(([k, v]) => `#define USPEC_STEP_OFF_${k.toUpperCase()} ${v.offset}u /* ${v.size} bytes */`),
  ];
  for (const s of SPECS.values()) {
    lines.push('', `/* ${s.definition.id}: each failure rule's errno (positive; return -MACRO), in check order. */`);
    for (const r of s.definition.rules) {
      if (r.errno !== 'OK') lines.push(`#define ${ruleMacro(s.definition.id, r.id)} ${r.errno} /* order ${r.order}: ${r.id} */`);
    }
  }
  lines.push('', '#endif', '');
  return lines.join('\n');
}
