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
