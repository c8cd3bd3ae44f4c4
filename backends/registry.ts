/**
 * The backends by the names the command line uses: `model`, `c-ref`, `kernel`, `mutant:<name>`,
 * `exec:<command>`. The C programs are built on first use (scripts/build-c.mjs is incremental), so
 * a fresh clone needs nothing but Node and cc.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { caseSpecs, isStateful, SPECS } from '../registry/specs.js';
import type { Case } from '../properties/case.js';
import { BackendStartError, type Backend } from '../runner/backend.js';
import { execBackend, type ExecOptions } from './exec/exec-backend.js';
import { modelBackend, type ModelTable, type StatefulModelTable } from './model-backend.js';
import { parseVmOptions } from './vm/options.js';
import { statefulAdapterBackend } from './stateful/mutant-backend.js';
import { vmBackend } from './vm/vm-backend.js';
import { withConstantMap } from '../runner/constant-map.js';
import { projectRoot } from './project-root.js';

export { projectRoot } from './project-root.js';

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

/** The stateful specs' mutants as backend names (`mutant:<name>`; each belongs to its spec, so a name two versions share is listed once). */
function statefulMutantNames(): string[] {
  return [...new Set([...SPECS.values()].filter(isStateful).flatMap((s) => s.mutants.map((m) => `mutant:${m.name}`)))];
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
    runSequence: async (seq) => {
      const b = await get();
      if (!b.runSequence) throw new Error(`${name}: runs no sequences`);
      return b.runSequence(seq);
    },
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
  return Object.fromEntries(caseSpecs().map((bundle) => [bundle.definition.id, (c: Case) => bundle.model(c)]));
}

function statefulModelTable(): StatefulModelTable {
  return Object.fromEntries([...SPECS.values()].filter(isStateful).map((bundle) => [bundle.definition.id, bundle.model]));
}

/** What the command line can set on any backend (the exec-protocol ones use them). */
export interface BackendOptions {
  /** Per-batch timeout (--batch-timeout). */
  batchTimeoutMs?: number;
  /** How long an adapter may take to print its hello (--startup-timeout). */
  startupTimeoutMs?: number;
}

/** One kind of backend: how it is spelt, what it is, how it is made. */
export interface BackendKind {
  /** As the command line spells it: `model`, `mutant:<name>`. */
  syntax: string;
  /** One line for help texts and `uring-spec backends`. */
  summary: string;
  /** Whether `uring-spec backends` probes it (kinds with an argument are listed, not probed). */
  probed: boolean;
  /** Whether `name` is of this kind. */
  matches(name: string): boolean;
  /** The concrete names of this kind, where they can be listed. */
  names(): string[];
  /** The backend `name` for spec `specId`; throws an Error naming the valid choices for a bad argument. */
  make(name: string, specId: string, opts: BackendOptions): Backend;
}

function execOptions(opts: BackendOptions, name: string, batchTimeoutMs?: number): ExecOptions {
  return { name, batchTimeoutMs: opts.batchTimeoutMs ?? batchTimeoutMs, helloTimeoutMs: opts.startupTimeoutMs };
}

const exactly = (syntax: string) => (name: string) => name === syntax;

/** Every backend kind, in the order help texts list them: parsing, names and help all come from here. */
export const BACKENDS: readonly BackendKind[] = [
  {
    syntax: 'model',
    summary: "the spec's reference model itself (always agrees; a baseline)",
    probed: true,
    matches: exactly('model'),
    names: () => ['model'],
    make: (_name, specId) => modelBackend(specId, modelTable(), statefulModelTable()),
  },
  {
    syntax: 'c-ref',
    summary: 'the C reference implementation (backends/c/ref), built on first use',
    probed: true,
    matches: exactly('c-ref'),
    names: () => ['c-ref'],
    make: (name, _specId, opts) => cProgram(name, 'c-ref', 'the C reference', execOptions(opts, name)),
  },
  {
    syntax: 'kernel',
    summary: "this machine's io_uring, through the kernel adapter",
    probed: true,
    matches: exactly('kernel'),
    names: () => ['kernel'],
    // an explicit URING_SPEC_BATCH_TIMEOUT_MS wins over the kernel's own longer default
    make: (name, _specId, opts) => cProgram(name, 'kernel-adapter', 'the kernel adapter', execOptions(opts, name, process.env.URING_SPEC_BATCH_TIMEOUT_MS ? undefined : KERNEL_BATCH_TIMEOUT_MS)),
  },
  {
    syntax: 'mutant:<name>',
    summary: "a deliberately broken copy of the C reference, or of a stateful spec's model served by a Node adapter (see `uring-spec mutants`)",
    probed: false,
    matches: (name) => name.startsWith('mutant:'),
    names: () => [...listMutants().map((m) => `mutant:${m.name}`), ...statefulMutantNames()],
    make(name, specId, opts) {
      const mutant = name.slice('mutant:'.length);
      const spec = SPECS.get(specId);
      // a stateful spec's mutants are its own: deliberately wrong models, served in a separate process
      if (spec && isStateful(spec)) return statefulAdapterBackend(name, spec, mutant, execOptions(opts, name));
      const mutants = listMutants();
      if (!mutants.some((m) => m.name === mutant)) throw new Error(`unknown mutant '${mutant}' (valid: ${mutants.map((m) => m.name).join(', ')})`);
      return cProgram(name, `mutant-${mutant}`, `mutant ${mutant} of the C reference`, execOptions(opts, name));
    },
  },
  {
    syntax: 'exec:<command>',
    summary: 'any program speaking uring-spec/1, or /2 for stateful specs (docs/exec-protocol.md, docs/stateful.md), run through /bin/sh -c',
    probed: false,
    matches: (name) => name.startsWith('exec:'),
    names: () => [],
    make(name, _specId, opts) {
      const command = name.slice('exec:'.length);
      if (!command.trim()) throw new Error(`backend 'exec:' needs a command, e.g. exec:./my-adapter`);
      return execBackend(command, execOptions(opts, name));
    },
  },
  {
    syntax: 'vm:<image>',
    summary: 'a kernel image booted under QEMU with the kernel adapter as /init (docs/vm.md; options after commas)',
    probed: false,
    matches: (name) => name.startsWith('vm:'),
    names: () => [],
    make(name) {
      const vm = parseVmOptions(name.slice('vm:'.length));
      const build = async () => ({
        init: await ensureBuilt(name, 'vm-init', 'the guest init'),
        adapter: await ensureBuilt(name, 'kernel-adapter-static', 'the static kernel adapter'),
        relay: await ensureBuilt(name, 'vm-relay', 'the host relay'),
      });
      return vmBackend(vm, { name, build });
    },
  },
];

/** The backend syntaxes, for messages: "model, c-ref, kernel, mutant:<name>, exec:<command>". */
export function backendSyntaxes(): string {
  return BACKENDS.map((k) => k.syntax).join(', ');
}

/** Every backend name that takes no argument or a listable one (`exec:<command>` is open-ended). */
export function backendNames(): string[] {
  return BACKENDS.flatMap((k) => k.names());
}

/**
 * The backend a command-line name stands for, named as the user typed it. `specId` is the spec
 * the model backend evaluates. Throws an Error naming the valid backends (or mutants) for an
 * unknown name; building and starting happen on the first probe() or run().
 */
export function parseBackend(name: string, specId: string, opts: BackendOptions = {}): Backend {
  const kind = BACKENDS.find((k) => k.matches(name));
  if (!kind) throw new Error(`unknown backend '${name}' (valid: ${backendSyntaxes()})`);
  // a spec's constants that the implementation places elsewhere are mapped in every case
  const spec = SPECS.get(specId);
  const backend = kind.make(name, specId, opts);
  return spec ? withConstantMap(backend, spec.definition) : backend;
}
