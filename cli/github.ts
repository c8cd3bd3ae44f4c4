/**
 * `check` on GitHub Actions: with GITHUB_ACTIONS=true (the runner sets it) or `--reporter github`,
 * failures are printed as `::error` annotations and the Markdown summary is appended to the file
 * named by GITHUB_STEP_SUMMARY (appended: a job's steps share that file's contents).
 */
import { appendFileSync } from 'node:fs';
import type { SpecBundle } from '../registry/specs.js';
import { githubAnnotations } from '../report/github.js';
import type { CheckReport } from '../report/json.js';
import { summaryMarkdown } from '../report/summary.js';
import { UsageError } from './usage-error.js';

const REPORTERS = ['github'];

/** What to do after the run; null when not on GitHub and not asked for. */
export interface GithubOutput {
  emit(spec: SpecBundle, report: CheckReport): void;
}

/**
 * Decides before the run, so a bad --reporter or an unwritable summary file fails at once.
 * `json`: stdout carries the JSON report, so annotations go to stderr (the runner reads both).
 */
export function githubOutput(command: string, reporter: string | undefined, json: boolean, env: NodeJS.ProcessEnv = process.env): GithubOutput | null {
  if (reporter !== undefined && !REPORTERS.includes(reporter)) throw new UsageError(`${command}: --reporter ${reporter}: unknown reporter (valid: ${REPORTERS.join(', ')})`);
  if (reporter !== 'github' && env.GITHUB_ACTIONS !== 'true') return null;
  const summary = env.GITHUB_STEP_SUMMARY || undefined;
  if (summary) {
    try {
      appendFileSync(summary, '');
    } catch (e) {
      throw new UsageError(`${command}: GITHUB_STEP_SUMMARY ${summary}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const stream = json ? process.stderr : process.stdout;
  return {
    emit(spec, report) {
      for (const line of githubAnnotations(report)) stream.write(line + '\n');
      if (summary) appendFileSync(summary, summaryMarkdown(spec, report) + '\n');
    },
  };
}
