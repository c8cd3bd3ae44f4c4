/**
 * `npm run bench`: cases per second on this machine, printed, never asserted (tests do not depend
 * on the machine's speed). The floor is fast-check alone generating the same case arbitrary with
 * a trivial predicate, measured in the same run; each backend runs the differential property
 * (model-agreement) on it, and its line shows its ratio to that floor and where its time went
 * (bench/profile.ts). Targets: model >= 0.5x the floor, c-ref and the kernel >= 0.3x, median
 * time to kill a mutant under 100 ms. BENCH_CASES sets the case count (default 100000).
 * One function per line, so a new backend is one more function and one more call in main.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { killMatrix, medianMsToKill } from '../backends/kill-matrix.js';
import { parseBackend, projectRoot } from '../backends/registry.js';
import { getCaseSpec, SPECS, type CaseSpecBundle } from '../registry/specs.js';
import { buildInstantAdapter, instantFigures, someCases } from './instant.js';
import { profile, type Profile } from './profile.js';
import { vmRate } from './vm.js';

const N = Number(process.env.BENCH_CASES ?? 100_000);
const SEED = 20251104;
/** Rounds per figure: the best is reported, so a JIT warm-up or a busy moment does not count. */
const ROUNDS = 3;
/** The check command's default batch. */
const CHECK_BATCH = 256;
/** The protocol's largest batch: what the kernel adapter groups by context best with. */
const MAX_BATCH = 4096;

/** Cases per second of fast-check alone on the property's arbitrary (best of ROUNDS). */
function floor(spec: CaseSpecBundle, n: number): number {
  const prop = spec.properties.find((p) => p.name === 'model-agreement')!;
  let best = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fc.assert(fc.property(prop.arbitrary, () => true), { numRuns: n, seed: SEED });
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  return best;
}

/** The best of ROUNDS profiles of one backend (by cases/s), or why there is none. */
async function measure(spec: CaseSpecBundle, name: string, n: number, batchSize: number, exe?: string): Promise<Profile | string> {
  const backend = parseBackend(name, spec.definition.id);
  try {
    const caps = await backend.probe();
    if (!caps.specs.includes(spec.definition.id)) return `skipped: ${caps.unsupported[spec.definition.id] ?? 'unsupported'}`;
    let best: Profile | null = null;
    for (let i = 0; i < ROUNDS; i++) {
      const p = await profile(spec, backend, { seed: SEED, cases: n, batchSize, exe });
      if (!best || p.casesPerSec > best.casesPerSec) best = p;
    }
    return best!;
  } catch (e) {
    return `unavailable: ${(e as Error).message}`;
  } finally {
    await backend.close();
  }
}

const pct = (x: number): string => `${Math.round(x * 100)}%`.padStart(4);

/** Shares add up to more than the whole when the harness works while the backend does. */
function overlapNote(s: Profile['share']): string {
  const sum = s.generation + s.encoding + s.transport + s.implementation + s.comparison;
  return sum > 1.05 ? `  (${pct(sum).trim()} in all: the next batch is generated and the model run while the backend works)` : '';
}

function row(label: string, value: Profile | string, floorRate: number, target?: number): string {
  if (typeof value === 'string') return `  ${label.padEnd(30)} ${value}`;
  const ratio = value.casesPerSec / floorRate;
  const verdict = target === undefined ? '' : `  (target >= ${target}x: ${ratio >= target ? 'met' : 'NOT met'})`;
  const s = value.share;
  return (
    `  ${label.padEnd(30)} ${Math.round(value.casesPerSec).toString().padStart(9)} cases/s  ${ratio.toFixed(2)}x floor${verdict}\n` +
    `  ${''.padEnd(30)} generation ${pct(s.generation)}  encoding ${pct(s.encoding)}  transport ${pct(s.transport)}  implementation ${pct(s.implementation)}  comparison ${pct(s.comparison)}${overlapNote(s)}`
  );
}

function floorRow(rate: number): string {
  return `  ${'fast-check alone (floor)'.padEnd(30)} ${Math.round(rate).toString().padStart(9)} cases/s`;
}

const exe = (program: string): string => join(projectRoot(), 'build', 'c', program);

async function modelLine(spec: CaseSpecBundle, f: number, target?: number): Promise<void> {
  console.log(row('model', await measure(spec, 'model', N, CHECK_BATCH), f, target));
}

async function cRefLine(spec: CaseSpecBundle, f: number): Promise<void> {
  console.log(row('c-ref through exec', await measure(spec, 'c-ref', N, CHECK_BATCH, exe('c-ref')), f, 0.3));
}

async function kernelLines(spec: CaseSpecBundle, f: number): Promise<void> {
  const n = Math.min(N, 50_000);
  console.log(row(`kernel, batches of ${MAX_BATCH}`, await measure(spec, 'kernel', n, MAX_BATCH, exe('kernel-adapter')), f, 0.3));
  console.log(row(`kernel, batches of ${CHECK_BATCH}`, await measure(spec, 'kernel', n, CHECK_BATCH, exe('kernel-adapter')), f));
}

/** The harness's own cost per case with an adapter that answers at once. */
async function instantLines(spec: CaseSpecBundle, f: number): Promise<void> {
  const adapter = buildInstantAdapter();
  const cases = someCases(spec, Math.min(N, 50_000), SEED);
  for (const batch of [CHECK_BATCH, MAX_BATCH]) {
    const r = await instantFigures(adapter, cases, batch, ROUNDS);
    const u = r.usPerCase;
    console.log(
      `  ${`instant adapter, batches of ${batch}`.padEnd(30)} ${Math.round(r.casesPerSec).toString().padStart(9)} cases/s  ${(r.casesPerSec / f).toFixed(2)}x floor` +
        `  (per case: encoding ${u.encoding.toFixed(2)} us, decoding ${u.decoding.toFixed(2)} us, pipes and the rest ${u.rest.toFixed(2)} us)`,
    );
  }
}

async function mutantsLine(spec: CaseSpecBundle): Promise<void> {
  const matrix = await killMatrix(spec, SEED, 1000);
  const killed = matrix.mutants.filter((m) => m.killed).length;
  const median = medianMsToKill(matrix.mutants);
  const max = Math.max(...matrix.mutants.map((m) => m.msToKill ?? 0));
  console.log(`mutants: ${killed}/${matrix.mutants.length} killed; median time to kill ${median} ms (target < 100 ms: ${median !== null && median < 100 ? 'met' : 'NOT met'}); slowest ${max} ms`);
}

/**
 * The vm backend through a QEMU guest (bench/vm.ts); issue 12's target is 0.02x the floor under
 * TCG. The serial channel's line, the fallback, is there to compare (fewer cases: it is slow).
 */
async function vmLines(spec: CaseSpecBundle, f: number): Promise<void> {
  for (const [label, options, count] of [['vm (QEMU guest)', '', undefined], ['vm, channel=serial', ',channel=serial', 2000]] as const) {
    const rate = await vmRate(spec, SEED, options, count);
    const l = label.padEnd(30);
    if (typeof rate === 'string') {
      console.log(`  ${l} ${rate}`);
      continue;
    }
    const ratio = rate.casesPerSec / f;
    const target = options ? '' : `target >= 0.02x: ${ratio >= 0.02 ? 'met' : 'NOT met'}; `;
    console.log(`  ${l} ${Math.round(rate.casesPerSec).toString().padStart(9)} cases/s  ${ratio.toFixed(3)}x floor  (${target}channel ${rate.channel})`);
  }
}

async function main(): Promise<void> {
  console.log(`uring-spec bench: ${N} cases each (kernel: ${Math.min(N, 50_000)}), seed ${SEED}, node ${process.version}; best of ${ROUNDS} rounds`);
  const bpf = getCaseSpec('bpf@v1', 'bench measures single-SQE specs');
  const bpfFloor = floor(bpf, N);
  console.log('bpf@v1 (model-agreement on the differential mix):');
  console.log(floorRow(bpfFloor));
  await modelLine(bpf, bpfFloor, 0.5);
  await cRefLine(bpf, bpfFloor);
  await instantLines(bpf, bpfFloor);
  for (const id of ['nop@6.18', 'fixed-buf@6.15']) {
    if (!SPECS.has(id)) continue;
    const spec = getCaseSpec(id, 'bench measures single-SQE specs');
    const f = floor(spec, N);
    console.log(`${id} (model-agreement):`);
    console.log(floorRow(f));
    await modelLine(spec, f, 0.5);
    await kernelLines(spec, f);
    if (id === 'nop@6.18') await vmLines(spec, f);
  }
  await mutantsLine(bpf);
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
