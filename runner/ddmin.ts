/**
 * Delta debugging (Zeller and Hildebrandt's ddmin) over a sequence: the smallest subsequence,
 * order kept, for which `fails` still holds, removing chunks, then complements, at finer and finer
 * granularity. Each call of `fails` runs a batch on the backend, so the search is bounded.
 */

/** Bounds of a ddmin run. */
export interface DdminBudget {
  /** performance.now() after which the current best is returned. */
  stopAt: number;
  /** Most calls of `fails`. */
  maxTests: number;
}

/** A 1-minimal (within the budget) subsequence of `items` that still fails; `items` must fail. */
export async function ddmin<T>(items: readonly T[], fails: (xs: readonly T[]) => Promise<boolean>, budget: DdminBudget): Promise<{ items: T[]; tests: number; reductions: number }> {
  let current = [...items];
  let n = 2;
  let tests = 0;
  let reductions = 0;
  const spent = () => tests >= budget.maxTests || performance.now() >= budget.stopAt;
  while (current.length >= 2 && !spent()) {
    const chunk = Math.ceil(current.length / n);
    const parts: T[][] = [];
    for (let i = 0; i < current.length; i += chunk) parts.push(current.slice(i, i + chunk));
    let reduced = false;
    // a single chunk first (the cause is often small), then everything but one chunk
    for (const part of parts) {
      if (spent() || part.length === current.length) break;
      tests++;
      if (await fails(part)) {
        current = part;
        n = 2;
        reduced = true;
        reductions++;
        break;
      }
    }
    if (!reduced && parts.length > 2) {
      for (let i = 0; i < parts.length && !spent(); i++) {
        const complement = parts.filter((_, j) => j !== i).flat();
        tests++;
        if (await fails(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          reductions++;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  return { items: current, tests, reductions };
}
