import cliProgress from 'cli-progress';
import type { CliIo } from './run-cli.js';

/** Where a long run reports how far it is and what it notices. */
export interface Progress {
  update(fraction: number, label: string): void;
  log(line: string): void;
  stop(): void;
}

/**
 * A progress reporter for the CLI: a bar on stderr when stderr is a terminal, plain lines on
 * stderr otherwise, and nothing at all when `quiet` (`--json`: stdout carries only JSON and
 * stderr stays clean for scripts).
 */
export function createProgress(io: CliIo, quiet: boolean): Progress {
  if (quiet) return { update: () => {}, log: () => {}, stop: () => {} };
  if (!io.stderrIsTty) {
    return { update: () => {}, log: (line) => io.stderr(`${line}\n`), stop: () => {} };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: '{bar} {percentage}% {label}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(1000, 0, { label: '' });
  return {
    update: (fraction, label) => bar.update(Math.round(fraction * 1000), { label }),
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
