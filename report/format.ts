/**
 * One interface for every way a report is written: a check's text for people, JSON for tools,
 * JUnit XML and Markdown for CI (formats.ts); a replay's and the kill matrix's text and JSON
 * (replay.ts, mutants.ts). A new check format is one file with one CheckFormat and a line in
 * FORMATS.
 */
import type { SpecBundle } from '../registry/specs.js';
import type { Paint } from './colour.js';
import type { CheckReport } from './json.js';

/** What a format may use besides the report. */
export interface FormatContext {
  spec: SpecBundle;
  /** Colours for a terminal, or none. */
  paint: Paint;
  /** Every property name the check would have run (for formats that list skipped ones). */
  propertyNames: readonly string[];
}

/** A way of writing a report of type R. */
export interface ReportFormat<R> {
  /** As options and --reporter name it: `text`, `json`, `junit`, `markdown`. */
  name: string;
  /** One line for help texts. */
  description: string;
  render(report: R, ctx: FormatContext): string;
}

/** A way of writing a check report. */
export type CheckFormat = ReportFormat<CheckReport>;
