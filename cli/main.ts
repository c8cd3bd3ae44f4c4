/** The uring-spec command line: dispatch, usage errors as one line and exit 2. */
import { checkCommand, CHECK_USAGE } from './commands/check.js';
import { decodeCommand, DECODE_USAGE } from './commands/decode.js';
import { runCommand, RUN_USAGE } from './commands/run.js';
import { replayCommand, REPLAY_USAGE } from './commands/replay.js';
import { mutantsCommand, MUTANTS_USAGE } from './commands/mutants.js';
import { backendsCommand, BACKENDS_USAGE } from './commands/backends.js';
import { specsCommand, SPECS_USAGE } from './commands/specs.js';
import { diffCommand, DIFF_USAGE } from './commands/diff.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, projectRoot } from '../backends/registry.js';
import { checkEnvironment } from './env.js';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes.js';
import { handleInterrupts } from './interrupt.js';
import { initCommand, INIT_USAGE } from './commands/init.js';
import { UsageError } from './usage-error.js';

type Command = { run(argv: string[]): Promise<number>; usage: string };

const COMMANDS: Record<string, Command> = {
  check: { run: checkCommand, usage: CHECK_USAGE },
  run: { run: runCommand, usage: RUN_USAGE },
  decode: { run: decodeCommand, usage: DECODE_USAGE },
  replay: { run: replayCommand, usage: REPLAY_USAGE },
  specs: { run: specsCommand, usage: SPECS_USAGE },
  mutants: { run: mutantsCommand, usage: MUTANTS_USAGE },
  backends: { run: backendsCommand, usage: BACKENDS_USAGE },
  diff: { run: diffCommand, usage: DIFF_USAGE },
  init: { run: initCommand, usage: INIT_USAGE },
};

/** Registers a command (used by modules that add commands). */
export function addCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

function help(): string {
  const backends = ['Backends:', ...BACKENDS.map((k) => `  ${k.syntax.padEnd(16)} ${k.summary}`)].join('\n');
  return ['uring-spec: specification-driven property testing of io_uring submission semantics', '', ...Object.values(COMMANDS).map((c) => c.usage + '\n'), backends + '\n', EXIT_CODES_TEXT + '\n', 'uring-spec --version prints the version.\n'].join('\n');
}

/** The package's version, from its package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Runs the command line; returns the exit code. `handleSignals` (the installed command sets it)
 * makes SIGINT/SIGTERM kill the adapters, print the partial report and exit 130/143.
 */
export async function main(argv: string[], opts: { handleSignals?: boolean } = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? EXIT.passed : EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`uring-spec ${version()}\n`);
    return EXIT.passed;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`uring-spec: unknown command '${name}' (valid: ${Object.keys(COMMANDS).join(', ')})`);
    if (rest.includes('--help')) {
      process.stdout.write(command.usage + '\n\n' + EXIT_CODES_TEXT + '\n');
      return EXIT.passed;
    }
    checkEnvironment(name);
    if (opts.handleSignals) handleInterrupts(name);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message + '\n');
      return e.code;
    }
    process.stderr.write(`uring-spec ${name}: internal error (please report it): ${(e as Error).stack ?? e}\n`);
    return EXIT.internal;
  }
}
