/**
 * What changed between two specs: rules added, removed and changed (errno, place in the check
 * order, condition), the op flags layout and the named constants; and for every rule that changed,
 * came or went, one concrete SQE + context on which the two models disagree, found by generation
 * from both specs' case mixes, with both results. Contexts are drawn in each spec's own terms: when
 * both name a setup-flag constant (the series' IORING_SETUP_BPF*), a case drawn for one spec is
 * shown to the other with that bit moved to the other's value, so "the ring has the flag" means
 * the same thing on both sides.
 */
import fc from 'fast-check';
import type { ModelOutcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { CaseSpecBundle } from '../registry/specs.js';
import type { BitFieldDef } from '../spec/bpf-op-flags.js';
import type { RingContext } from '../spec/context.js';
import type { Rule, SpecConstant } from '../spec/rule.js';

/** One rule's change. */
export interface RuleChange {
  id: string;
  /** What differs, each as [in a, in b]. */
  errno?: [string, string];
  order?: [number, number];
  condition?: [string, string];
}

/** A layout field's fate. */
export interface LayoutChange {
  name: string;
  a: string | null;
  b: string | null;
}

/** A concrete disagreement of the two models. */
export interface DiffExample {
  /** The rule the example shows (changed, added or removed). */
  rule: string;
  sqe: Case['sqe'];
  /** The context as each spec sees it (they differ only when a setup-flag constant moved). */
  ctxA: RingContext;
  ctxB: RingContext;
  a: ModelOutcome;
  b: ModelOutcome;
}

/** The whole difference. */
export interface SpecDiff {
  a: string;
  b: string;
  added: Rule[];
  removed: Rule[];
  changed: RuleChange[];
  constants: { name: [string | null, string | null]; value: [number | null, number | null] }[];
  layout: LayoutChange[];
  examples: DiffExample[];
  /** Rules (changed, added or removed) for which generation found no disagreeing case. */
  unexampled: string[];
}

const fieldText = (f: BitFieldDef): string => (f.width === 1 ? `bit ${f.shift}` : `bits ${f.shift + f.width - 1}-${f.shift}`);

function conditionOf(s: CaseSpecBundle, r: Rule): string {
  return s.conditions?.[r.id] ?? r.summary;
}

function setupFlag(s: CaseSpecBundle): SpecConstant | undefined {
  return s.definition.constants?.find((c) => c.where === 'setupFlags');
}

/** The context with spec `from`'s setup-flag bit moved to spec `to`'s. */
export function mapContext(ctx: RingContext, from: CaseSpecBundle, to: CaseSpecBundle): RingContext {
  const f = setupFlag(from);
  const t = setupFlag(to);
  if (!f || !t || f.value === t.value) return ctx;
  const had = (ctx.setupFlags & f.value) !== 0;
  const flags = (ctx.setupFlags & ~f.value & ~t.value) | (had ? t.value : 0);
  return { ...ctx, setupFlags: flags >>> 0 };
}

function ruleDiff(a: CaseSpecBundle, b: CaseSpecBundle): Pick<SpecDiff, 'added' | 'removed' | 'changed'> {
  const ra = new Map(a.definition.rules.map((r) => [r.id, r]));
  const rb = new Map(b.definition.rules.map((r) => [r.id, r]));
  const changed: RuleChange[] = [];
  for (const [id, x] of ra) {
    const y = rb.get(id);
    if (!y) continue;
    const c: RuleChange = { id };
    if (x.errno !== y.errno) c.errno = [x.errno, y.errno];
    if (x.order !== y.order) c.order = [x.order, y.order];
    const [cx, cy] = [conditionOf(a, x), conditionOf(b, y)];
    if (cx !== cy) c.condition = [cx, cy];
    if (c.errno || c.order || c.condition) changed.push(c);
  }
  return { added: [...rb.values()].filter((r) => !ra.has(r.id)), removed: [...ra.values()].filter((r) => !rb.has(r.id)), changed };
}

function layoutDiff(a: CaseSpecBundle, b: CaseSpecBundle): LayoutChange[] {
  const la = new Map((a.layout ?? []).map((f) => [f.name, fieldText(f)]));
  const lb = new Map((b.layout ?? []).map((f) => [f.name, fieldText(f)]));
  const names = [...new Set([...la.keys(), ...lb.keys()])];
  return names.map((name) => ({ name, a: la.get(name) ?? null, b: lb.get(name) ?? null }));
}

function constantDiff(a: CaseSpecBundle, b: CaseSpecBundle): SpecDiff['constants'] {
  const ca = setupFlag(a);
  const cb = setupFlag(b);
  if (!ca && !cb) return [];
  if (ca && cb && ca.name === cb.name && ca.value === cb.value) return [];
  return [{ name: [ca?.name ?? null, cb?.name ?? null], value: [ca?.value ?? null, cb?.value ?? null] }];
}

/**
 * The example with every field it can spare set to zero (and the context's optional parts
 * emptied), as long as both models still give the same two results by the same rules: a reader
 * sees only what the disagreement needs.
 */
function simplify(a: CaseSpecBundle, b: CaseSpecBundle, e: DiffExample): DiffExample {
  const same = (x: DiffExample) => {
    if (a.domain(x.sqe, x.ctxA) || b.domain(x.sqe, x.ctxB)) return null;
    const oa = a.model({ sqe: x.sqe, ctx: x.ctxA });
    const ob = b.model({ sqe: x.sqe, ctx: x.ctxB });
    return oa.res === e.a.res && oa.rule === e.a.rule && ob.res === e.b.res && ob.rule === e.b.rule ? { ...x, a: oa, b: ob } : null;
  };
  let cur = e;
  for (const name of Object.keys(cur.sqe) as (keyof Case['sqe'])[]) {
    const v = cur.sqe[name];
    if (v === 0 || v === 0n) continue;
    const sqe = { ...cur.sqe, [name]: typeof v === 'bigint' ? 0n : 0 };
    cur = same({ ...cur, sqe }) ?? cur;
  }
  for (const key of ['personalities', 'nrBufs'] as const) {
    cur = same({ ...cur, ctxA: { ...cur.ctxA, [key]: 0 }, ctxB: { ...cur.ctxB, [key]: 0 } }) ?? cur;
  }
  const ops = cur.ctxA.ops.filter((o) => o === cur.sqe.op_flags >>> 24);
  cur = same({ ...cur, ctxA: { ...cur.ctxA, ops }, ctxB: { ...cur.ctxB, ops } }) ?? cur;
  const plain = (c: RingContext, keep: number) => ({ ...c, setupFlags: c.setupFlags & keep });
  const fa = setupFlag(a)?.value ?? 0;
  const fb = setupFlag(b)?.value ?? 0;
  cur = same({ ...cur, ctxA: plain(cur.ctxA, fa), ctxB: plain(cur.ctxB, fb) }) ?? cur;
  // else each setup flag the disagreement does not need (nop@7.2's needs IORING_SETUP_SQE128 alone)
  for (let bit = 0; bit < 32; bit++) {
    const keep = ~(1 << bit) | fa | fb;
    cur = same({ ...cur, ctxA: plain(cur.ctxA, keep), ctxB: plain(cur.ctxB, keep) }) ?? cur;
  }
  return cur;
}

/** How hard to look for examples. */
export interface DiffOptions {
  seed?: number;
  /** Cases drawn from each spec's mix. */
  samples?: number;
}

/** The difference from spec `a` to spec `b`. */
export function diffSpecs(a: CaseSpecBundle, b: CaseSpecBundle, opts: DiffOptions = {}): SpecDiff {
  const rules = ruleDiff(a, b);
  const wanted = new Set([...rules.changed.map((c) => c.id), ...rules.added.map((r) => r.id), ...rules.removed.map((r) => r.id)]);
  const examples = new Map<string, DiffExample>();
  const seed = opts.seed ?? 1;
  const samples = opts.samples ?? 20000;
  // draw from both mixes: a rule only one spec has is reached by that spec's corruptions
  for (const [from, i] of [[a, 0], [b, 1]] as const) {
    if (examples.size === wanted.size) break;
    for (const c of fc.sample(from.anyCase, { seed: seed + i, numRuns: samples })) {
      const ctxA = i === 0 ? c.ctx : mapContext(c.ctx, b, a);
      const ctxB = i === 0 ? mapContext(c.ctx, a, b) : c.ctx;
      if (a.domain(c.sqe, ctxA) || b.domain(c.sqe, ctxB)) continue;
      const oa = a.model({ sqe: c.sqe, ctx: ctxA });
      const ob = b.model({ sqe: c.sqe, ctx: ctxB });
      if (oa.res === ob.res && oa.posted === ob.posted) continue;
      for (const rule of [oa.rule, ob.rule]) {
        if (wanted.has(rule) && !examples.has(rule)) examples.set(rule, simplify(a, b, { rule, sqe: c.sqe, ctxA, ctxB, a: oa, b: ob }));
      }
      if (examples.size === wanted.size) break;
    }
  }
  return {
    a: a.definition.id,
    b: b.definition.id,
    ...rules,
    constants: constantDiff(a, b),
    layout: layoutDiff(a, b),
    examples: [...wanted].filter((r) => examples.has(r)).map((r) => examples.get(r)!),
    unexampled: [...wanted].filter((r) => !examples.has(r)),
  };
}
