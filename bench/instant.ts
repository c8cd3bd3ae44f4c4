/**
 * The harness's own cost for an exec adapter: bench/instant-adapter.c (answers at once) built
 * with the kit, and the cases of a run sent through execBackend in batches. Whatever this costs
 * per case is what the harness adds to any adapter; it is split into encoding, decoding and the
 * rest (pipes, event loop, copies), each in microseconds per case.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { execBackend } from '../backends/exec/exec-backend.js';
import { projectRoot } from '../backends/registry.js';
import type { Case } from '../properties/case.js';
import type { CaseSpecBundle } from '../registry/specs.js';
import { codecMs } from './codec-cost.js';

/** Builds the instant adapter into build/bench/ and returns its path. */
export function buildInstantAdapter(): string {
  const root = projectRoot();
  const out = join(root, 'build', 'bench');
  mkdirSync(out, { recursive: true });
  const exe = join(out, 'instant-adapter');
  const kit = join(root, 'backends', 'c', 'kit');
  execFileSync(process.env.CC || 'cc', ['-std=c11', '-O2', '-D_GNU_SOURCE', '-I', kit, '-o', exe, join(root, 'bench', 'instant-adapter.c'), join(kit, 'kit.c')], { stdio: 'inherit' });
  return exe;
}

export interface InstantFigures {
  casesPerSec: number;
  usPerCase: { encoding: number; decoding: number; rest: number };
}

/** The cases of n trials of model-agreement (fixed seed), for transport measurements. */
export function someCases(spec: CaseSpecBundle, n: number, seed: number): Case[] {
  const prop = spec.properties.find((p) => p.name === 'model-agreement')!;
  return fc.sample(prop.arbitrary, { numRuns: n, seed }).flatMap((t) => prop.cases(t));
}

/** Sends cases through the instant adapter in batches of batchSize; best of rounds. */
export async function instantFigures(exe: string, cases: readonly Case[], batchSize: number, rounds = 3): Promise<InstantFigures> {
  const backend = execBackend([exe], { name: 'instant', maxBatch: batchSize });
  const batches: Case[][] = [];
  for (let i = 0; i < cases.length; i += batchSize) batches.push(cases.slice(i, i + batchSize));
  try {
    await backend.probe();
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (const b of batches) await backend.run(b);
      best = Math.min(best, performance.now() - t0);
    }
    // best of rounds too, like the run it is set against (a GC pause in one round is noise)
    const c = { encodeMs: Infinity, decodeMs: Infinity };
    for (let r = 0; r < rounds; r++) {
      const m = codecMs(batches);
      c.encodeMs = Math.min(c.encodeMs, m.encodeMs);
      c.decodeMs = Math.min(c.decodeMs, m.decodeMs);
    }
    const per = (ms: number): number => (ms * 1000) / cases.length;
    return { casesPerSec: cases.length / (best / 1000), usPerCase: { encoding: per(c.encodeMs), decoding: per(c.decodeMs), rest: per(Math.max(0, best - c.encodeMs - c.decodeMs)) } };
  } finally {
    await backend.close();
  }
}
