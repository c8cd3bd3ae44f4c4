/**
 * The text a failing property test throws: the same reproduction `uring-spec check` prints under a
 * FAIL line (report/text.ts), uncoloured, so a vitest log, a JUnit file and a terminal agree.
 */
import { paintFor } from '../report/colour.js';
import type { PropertyReport } from '../report/json.js';
import { counterexampleText } from '../report/text.js';

// a stream that is not a terminal: no ANSI codes, whatever vitest's own colour setting is
const plain = paintFor({ isTTY: false });

/** The failure text of one property of a check on `backend` with run seed `seed`. */
export function failureText(spec: string, backend: string, seed: number, p: PropertyReport): string {
  const head = `property ${p.name} failed on ${backend} (spec ${spec}, seed ${seed}, ${p.cases} cases)`;
  if (!p.counterexample) return `${head}\n  ${p.message ?? 'failed'}`;
  return `${head}\n${counterexampleText(p.counterexample, plain, '  ')}`;
}

/** An Error whose message is the whole reproduction and whose stack adds nothing to it. */
export class PropertyFailure extends Error {
  constructor(text: string) {
    super(text);
    this.name = 'PropertyFailure';
    // the stack would point into the harness, not at the user's code; the reproduction is the point
    this.stack = `${this.name}: ${text}`;
  }
}
