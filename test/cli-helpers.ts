import { type CliIo, runCli } from '../src/cli/run-cli.js';
import type { RunSources } from '../src/report/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing output (fast; use for most CLI tests). No colours. */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

/** Like `cli`, with some sources (experiments, machine, environment) replaced by fakes. */
export async function cliWith(sources: Partial<RunSources>, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTty: false,
    color: false,
    sources,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/**
 * The environment for a child `softmem` process whose output a test reads as plain text.
 * picocolors turns colour on when FORCE_COLOR or CI is set (CI runners set CI=true), so both
 * are removed, as is NO_COLOR; `extra` adds variables back (a test of colour passes them).
 */
export function plainChildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, CI: _ci, ...rest } = process.env;
  return { ...rest, ...extra };
}
