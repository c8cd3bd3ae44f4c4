/**
 * `uring-spec init --lang c|python|node DIR`: a minimal adapter that speaks the exec protocol and
 * implements nothing yet (every case answers -ENOSYS), with its build and check lines. The first
 * `check` against it fails on purpose: its report is the to-do list.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { projectRoot } from '../../backends/registry.js';
import { getSpec } from '../../registry/specs.js';
import { shellQuote } from '../../report/shell-quote.js';
import { parse, required } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';

export const INIT_USAGE = `uring-spec init --lang c|python|node [--spec ID] [--name NAME] DIR
  Writes a minimal adapter for the spec (default bpf@v1) into DIR (new or empty): C through the
  uring-spec kit with a Makefile, or plain Python 3 or Node. It answers -ENOSYS to every case, so
  its first check fails and the report shows what the spec expects. Prints the next commands.`;

/** A file of the scaffold: where it comes from (under the package root) and where it goes. */
interface Entry {
  from: string;
  to: string;
  /** Fill in the {{...}} placeholders (templates) or copy as is (the kit). */
  template: boolean;
  executable?: boolean;
}

const LANGS: Record<string, { files: Entry[]; build: string | null; backend: string }> = {
  c: {
    files: [
      { from: 'templates/init/c/adapter.c', to: 'adapter.c', template: true },
      { from: 'templates/init/c/Makefile', to: 'Makefile', template: true },
      { from: 'templates/init/c/README.md', to: 'README.md', template: true },
      { from: 'backends/c/kit/kit.c', to: 'kit/kit.c', template: false },
      { from: 'backends/c/kit/uring_spec_kit.h', to: 'kit/uring_spec_kit.h', template: false },
      { from: 'backends/c/kit/uring_spec_tables.h', to: 'kit/uring_spec_tables.h', template: false },
    ],
    build: 'make',
    backend: 'exec:./adapter',
  },
  python: {
    files: [
      { from: 'templates/init/python/adapter.py', to: 'adapter.py', template: true, executable: true },
      { from: 'templates/init/python/README.md', to: 'README.md', template: true },
    ],
    build: null,
    backend: 'exec:python3 adapter.py',
  },
  node: {
    files: [
      { from: 'templates/init/node/adapter.mjs', to: 'adapter.mjs', template: true, executable: true },
      { from: 'templates/init/node/README.md', to: 'README.md', template: true },
    ],
    build: null,
    backend: 'exec:node adapter.mjs',
  },
};

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (m, key: string) => vars[key] ?? m);
}

/** Runs the command; returns the exit code. */
export async function initCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse('init', argv, { lang: { type: 'string' }, spec: { type: 'string' }, name: { type: 'string' } }, true);
  const langName = required('init', 'lang', v.lang as string | undefined, `one of ${Object.keys(LANGS).join(', ')}`);
  const lang = LANGS[langName];
  if (!lang) throw new UsageError(`init: --lang ${langName}: unknown language (valid: ${Object.keys(LANGS).join(', ')})`);
  if (positionals.length !== 1) throw new UsageError(`init: give exactly one directory, got ${positionals.length} (${INIT_USAGE.split('\n')[0]})`);
  const dir = resolve(positionals[0]!);
  const spec = asUsage('init', () => getSpec((v.spec as string | undefined) ?? 'bpf@v1'));
  const name = (v.name as string | undefined) ?? basename(dir);
  // the name lands in a C string, a Python string and JSON: keep it to characters none of them escape
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new UsageError(`init: adapter name '${name}' may only use letters, digits, '.', '_' and '-' (give --name)`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`init: ${dir} exists and is not empty; give a new or empty directory`);
  const root = projectRoot();
  // the BPF specs' outcomes carry uring_bpf_data; the mainline ones have none to report
  const data = spec.definition.id.startsWith('bpf@');
  const vars = { NAME: name, SPEC: spec.definition.id, DATA_INT: data ? '1' : '0', DATA_PY: data ? 'True' : 'False', DATA_JS: String(data) };
  const created = !existsSync(dir);
  try {
    for (const f of lang.files) {
      const text = readFileSync(join(root, f.from), 'utf8');
      const to = join(dir, f.to);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, f.template ? fill(text, vars) : text);
      if (f.executable) chmodSync(to, 0o755);
    }
  } catch (e) {
    // nothing half-written: remove what this command made
    if (created) rmSync(dir, { recursive: true, force: true });
    else for (const f of lang.files) rmSync(join(dir, f.to.split('/')[0]!), { recursive: true, force: true });
    throw new UsageError(`init: cannot write the ${langName} adapter into ${dir}: ${(e as Error).message}`);
  }
  const check = `npx uring-spec check --spec ${spec.definition.id} --backend ${shellQuote(lang.backend)}`;
  process.stdout.write(
    [
      `init: wrote a ${langName} adapter for ${spec.definition.id} into ${dir}: ${lang.files.map((f) => f.to).join(', ')}`,
      'next:',
      `  cd ${shellQuote(dir)}${lang.build ? ` && ${lang.build}` : ''}`,
      `  ${check}`,
      'It answers -ENOSYS to every case, so this first check fails: its report shows what the spec expects.',
      '',
    ].join('\n'),
  );
  return 0;
}
