import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { RunSources } from '../report/index.js';
import { UsageError } from '../util/errors.js';
import { COMMANDS } from './commands/index.js';

/** Exit codes of the `softmem` binary. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  stderrIsTty: boolean;
  /** ANSI colours on stdout; defaults to picocolors' detection (which honours NO_COLOR). */
  color?: boolean;
  /** Replacements for the real experiments and host probes (tests inject fakes here). */
  sources?: Partial<RunSources>;
}

/** The version in package.json (two folders up from both `src/cli` and `dist/cli`). */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The `softmem` program with every command registered, writing to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('softmem')
    .description('Make the CPU memory hierarchy visible, measurable and usable.')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`${text.split('\n')[0] ?? text}\n`),
    })
    .showSuggestionAfterError(false);
  for (const register of COMMANDS) register(program, io);
  // Set after the subcommands exist (they copy this setting when created): the root's own
  // action (the main job) rejects stray words itself with "unknown command".
  program.allowExcessArguments(true);
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to an exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK; // --help, --version
      return EXIT_USAGE; // commander already printed its one line
    }
    if (error instanceof UsageError) {
      io.stderr(`softmem: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`softmem: internal error: ${message}\n`);
    return EXIT_FAILURE;
  }
}
