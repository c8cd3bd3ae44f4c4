/**
 * The progress line for long runs: only on a terminal, only after the first second, at most five
 * times a second, erased before the report is printed.
 */
export interface Progress {
  update(p: { property: string; casesDone: number; totalCases: number; rulesFired: number }): void;
  done(): void;
}

/** A progress line on `stream` (nothing at all when it is not a TTY). */
export function progressLine(stream: NodeJS.WriteStream, totalRules: number): Progress {
  const t0 = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - t0 < 1000 || now - last < 200) return;
      last = now;
      shown = true;
      const rate = Math.round(p.casesDone / ((now - t0) / 1000));
      stream.write(`\r\x1b[K${p.casesDone}/${p.totalCases} cases, ${rate} cases/s, ${p.rulesFired}/${totalRules} rules fired, ${p.property}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
