/** The uring-spec command line: dispatch, usage errors as one line and exit 2. */
import { checkCommand, CHECK_USAGE } from './commands/check.js';
import { decodeCommand, DECODE_USAGE } from './commands/decode.js';
import { runCommand, RUN_USAGE } from './commands/run.js';
import { replayCommand, REPLAY_USAGE } from './commands/replay.js';
import { mutantsCommand, MUTANTS_USAGE } from './commands/mutants.js';
import { backendsCommand, BACKENDS_USAGE } from './commands/backends.js';
import { specsCommand, SPECS_USAGE } from './commands/specs.js';
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
  init: { run: initCommand, usage: INIT_USAGE },
};

/** Registers a command (used by modules that add commands). */
export function addCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

function help(): string {
  return ['uring-spec: specification-driven property testing of io_uring submission semantics', '', ...Object.values(COMMANDS).map((c) => c.usage + '\n')].join('\n');
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`uring-spec: unknown command '${name}' (valid: ${Object.keys(COMMANDS).join(', ')})`);
    if (rest.includes('--help')) {
      process.stdout.write(command.usage + '\n');
      return 0;
    }
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    process.stderr.write(`uring-spec ${name}: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}
