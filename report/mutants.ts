/** The kill-matrix report (`uring-spec mutants`) as text or JSON, through the ReportFormat interface. */
import type { ReportFormat } from './format.js';

/** One mutant's row (as backends/kill-matrix.ts computes it). */
export interface MutantsRow {
  name: string;
  description: string;
  killed: boolean;
  killedBy: string[];
  msToKill: number | null;
  counterexample: { message: string; replay: string } | null;
}

/** A whole kill matrix. */
export interface MutantsReport {
  spec: string;
  /** The reference's backend (c-ref, or model for a stateful spec). */
  referenceName: string;
  seed: number;
  runs: number;
  reference: { status: string; cases: number };
  mutants: MutantsRow[];
  killed: number;
  total: number;
  medianMsToKill: number | null;
}

export const MUTANTS_FORMATS: Record<'text' | 'json', ReportFormat<MutantsReport>> = {
  text: {
    name: 'text',
    description: 'for people: the reference verdict and one line per mutant',
    render(r, { paint: p }) {
      const out = [p.bold(`uring-spec mutants: spec ${r.spec}, seed ${r.seed}, ${r.runs} cases per property`)];
      out.push(`reference ${r.referenceName}: ${r.reference.status === 'passed' ? p.green('passed') : p.red(r.reference.status)} (${r.reference.cases} cases)`);
      const w = Math.max(...r.mutants.map((m) => m.name.length));
      for (const m of r.mutants) {
        const mark = m.killed ? p.green('killed  ') : p.red('SURVIVED');
        out.push(`  ${mark} ${m.name.padEnd(w)}  ${m.killed ? `${String(m.msToKill).padStart(7)} ms  by ${m.killedBy.join(', ')}` : m.description}`);
        if (m.counterexample) out.push(`           ${p.dim(`${m.counterexample.message}; replay: ${m.counterexample.replay}`)}`);
      }
      out.push(`${r.killed}/${r.total} mutants killed; median time to kill ${r.medianMsToKill ?? '-'} ms`);
      return out.join('\n') + '\n';
    },
  },
  json: { name: 'json', description: 'one JSON object', render: (r) => JSON.stringify(r) + '\n' },
};
