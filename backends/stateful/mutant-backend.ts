/**
 * A stateful spec's mutant (or its model) as a backend that is a separate process: the Node
 * adapter of ./adapter.ts, compiled to dist/, spoken to over the exec protocol uring-spec/2. Run
 * from the compiled package it is there already; run from the TypeScript sources (the test suite),
 * dist/ is rebuilt first when any source is newer than the adapter, the way the C programs are
 * built on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatefulBundle } from '../../registry/specs.js';
import { BackendStartError, type Backend } from '../../runner/backend.js';
import { execBackend, type ExecOptions } from '../exec/exec-backend.js';
import { projectRoot } from '../project-root.js';

/** The source folders dist/ is compiled from (tsconfig.json's include). */
const SOURCES = ['spec', 'model', 'properties', 'registry', 'runner', 'backends', 'report', 'corpus', 'cli', 'bench', 'vitest'];
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 120_000;

function newestSource(root: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const s of SOURCES) if (existsSync(join(root, s))) walk(join(root, s));
  return Math.max(newest, statSync(join(root, 'index.ts')).mtimeMs);
}

function fresh(adapter: string, root: string): boolean {
  return existsSync(adapter) && statSync(adapter).mtimeMs >= newestSource(root);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Compiles dist/ when the adapter is missing or older than a source; one build at a time. */
function ensureCompiled(backend: string, adapter: string, root: string): void {
  if (fresh(adapter, root)) return;
  mkdirSync(join(root, 'build'), { recursive: true });
  const lock = join(root, 'build', '.dist-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
      else sleep(100);
    }
  }
  try {
    if (fresh(adapter, root)) return; // another process built it meanwhile
    try {
      execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      // tsc emits despite type errors elsewhere; only a missing adapter is this backend's problem
      if (!existsSync(adapter)) throw new BackendStartError(backend, `compiling dist/ for the stateful adapter failed: ${(e as Error).message.split('\n')[0]}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** The compiled adapter's path, compiling it first when run from the sources. */
export function statefulAdapterPath(backend: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'adapter.js');
  const root = projectRoot();
  const adapter = join(root, 'dist', 'backends', 'stateful', 'adapter.js');
  ensureCompiled(backend, adapter, root);
  return adapter;
}

/** The command line of the adapter serving `spec`'s model, or its mutant `mutant`. */
export function statefulAdapterCommand(backend: string, spec: StatefulBundle, mutant: string | null): string[] {
  return [process.execPath, statefulAdapterPath(backend), '--spec', spec.definition.id, ...(mutant ? ['--mutant', mutant] : []), ...(spec.module ? ['--module', spec.module] : [])];
}

/** The backend `name` serving `spec`'s mutant `mutant` (null: its model) in a separate process. */
export function statefulAdapterBackend(name: string, spec: StatefulBundle, mutant: string | null, opts: ExecOptions = {}): Backend {
  if (mutant !== null && !spec.mutants.some((m) => m.name === mutant)) {
    throw new Error(`unknown mutant '${mutant}' of ${spec.definition.id} (valid: ${spec.mutants.map((m) => m.name).join(', ') || 'none'})`);
  }
  let inner: Backend | null = null;
  const get = (): Backend => (inner ??= execBackend(statefulAdapterCommand(name, spec, mutant), { ...opts, name }));
  return {
    name,
    probe: async () => get().probe(),
    run: async (cases) => get().run(cases),
    runSequence: async (seq) => get().runSequence!(seq),
    close: async () => inner?.close(),
  };
}
