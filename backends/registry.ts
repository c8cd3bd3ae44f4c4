/**
 * The backends by the names the command line uses: `model`, `c-ref`, `kernel`, `mutant:<name>`,
 * `exec:<command>`. The C programs are built on first use (scripts/build-c.mjs is incremental), so
 * a fresh clone needs nothing but Node and cc.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SPECS } from '../registry/specs.js';
import { BackendStartError, type Backend } from '../runner/backend.js';
import { execBackend, type ExecOptions } from './exec/exec-backend.js';
import { modelBackend, type ModelTable } from './model-backend.js';
import { parseVmOptions } from './vm/options.js';
import { vmBackend } from './vm/vm-backend.js';

/** A mutant of the C reference (backends/c/mutants/mutants.json). */
export interface MutantInfo {
  name: string;
  description: string;
}

/**
 * A live kernel waits up to URING_SPEC_KERNEL_WAIT_MS (1 s by default) per case that does not
 * complete, so a batch with a few of those would trip the 5 s default meant for programs that
 * answer in microseconds.
 */
const KERNEL_BATCH_TIMEOUT_MS = 60_000;

/**
 * The project root: the nearest ancestor holding package.json. The same from the TypeScript
 * sources (backends/registry.ts) and from the compiled dist/backends/registry.js.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`projectRoot: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The mutants of the C reference, in file order. */
export function listMutants(): MutantInfo[] {
  const file = join(projectRoot(), 'backends', 'c', 'mutants', 'mutants.json');
  let parsed: { mutants?: { name: string; description: string }[] };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`listMutants: cannot read ${file}: ${(e as Error).message}`);
  }
  return (parsed.mutants ?? []).map((m) => ({ name: m.name, description: m.description }));
}

/** Every backend name that takes no argument (`exec:<command>` is open-ended, so not listed). */
export function backendNames(): string[] {
  return ['model', 'c-ref', 'kernel', ...listMutants().map((m) => `mutant:${m.name}`)];
}

function compilerPresent(): boolean {
  try {
    execFileSync(process.env.CC || 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds build/c/<program> if it is missing or stale. buildC builds every C program and throws
 * after the lot when any failed, so a failure elsewhere (the kernel adapter on a machine without
 * its headers, say) does not stop a program that did build.
 */
async function ensureBuilt(backend: string, program: string, what: string): Promise<string> {
  const root = projectRoot();
  const exe = join(root, 'build', 'c', program);
  const script = join(root, 'scripts', 'build-c.mjs');
  if (!existsSync(script)) {
    if (existsSync(exe)) return exe;
    throw new BackendStartError(backend, `${exe} is not built and ${script} is missing`);
  }
  const { buildC } = (await import(pathToFileURL(script).href)) as { buildC(o: { quiet?: boolean }): string[] };
  try {
    buildC({ quiet: true });
  } catch (e) {
    const lines = (e as Error).message.split('\n');
    const ours = lines.find((l) => l.includes(`compiling ${program} failed`));
    if (!ours && existsSync(exe)) return exe;
    // buildC puts the whole compiler command line in parentheses; the compiler's own output is
    // already on stderr, so one short line is enough here.
    const why = (ours ?? lines[0] ?? 'unknown error').replace(/^build-c: /, '').replace(/ \(.*\)$/, '');
    const hint = compilerPresent() ? 'see the compiler output above' : `a C compiler (${process.env.CC || 'cc'}) is needed`;
    throw new BackendStartError(backend, `building ${what} failed: ${why}; ${hint}`);
  }
  return exe;
}

/** A C program as a backend, built on its first probe or run. */
function cProgram(name: string, program: string, what: string, opts: ExecOptions = {}): Backend {
  let ready: Promise<Backend> | null = null;
  const get = (): Promise<Backend> => (ready ??= ensureBuilt(name, program, what).then((exe) => execBackend([exe], { ...opts, name })));
  return {
    name,
    probe: async () => (await get()).probe(),
    run: async (cases) => (await get()).run(cases),
    async close() {
      if (!ready) return;
      let b: Backend;
      try {
        b = await ready;
      } catch {
        return; // never built, so nothing runs
      }
      await b.close();
    },
  };
}

function modelTable(): ModelTable {
  return Object.fromEntries([...SPECS].map(([id, bundle]) => [id, (c) => bundle.model(c)])) as ModelTable;
}

const VALID = 'model, c-ref, kernel, mutant:<name>, exec:<command>, vm:<image>';

/**
 * The backend a command-line name stands for, named as the user typed it. `specId` is the spec
 * the model backend evaluates. Throws an Error naming the valid backends (or mutants) for an
 * unknown name; building and starting happen on the first probe() or run().
 */
export function parseBackend(spec: string, specId: string): Backend {
  if (spec === 'model') return modelBackend(specId, modelTable());
  if (spec === 'c-ref') return cProgram('c-ref', 'c-ref', 'the C reference');
  if (spec === 'kernel') {
    const opts: ExecOptions = process.env.URING_SPEC_BATCH_TIMEOUT_MS ? {} : { batchTimeoutMs: KERNEL_BATCH_TIMEOUT_MS };
    return cProgram('kernel', 'kernel-adapter', 'the kernel adapter', opts);
  }
  if (spec.startsWith('mutant:')) {
    const name = spec.slice('mutant:'.length);
    const mutants = listMutants();
    if (!mutants.some((m) => m.name === name)) {
      throw new Error(`unknown mutant '${name}' (valid: ${mutants.map((m) => m.name).join(', ')})`);
    }
    return cProgram(spec, `mutant-${name}`, `mutant ${name} of the C reference`);
  }
  if (spec.startsWith('exec:')) {
    const command = spec.slice('exec:'.length);
    if (!command.trim()) throw new Error(`backend 'exec:' needs a command, e.g. exec:./my-adapter`);
    return execBackend(command, { name: spec });
  }
  if (spec.startsWith('vm:')) {
    const opts = parseVmOptions(spec.slice('vm:'.length));
    const build = async () => ({
      init: await ensureBuilt(spec, 'vm-init', 'the guest init'),
      adapter: await ensureBuilt(spec, 'kernel-adapter-static', 'the static kernel adapter'),
    });
    return vmBackend(opts, { name: spec, build });
  }
  throw new Error(`unknown backend '${spec}' (valid: ${VALID})`);
}
