import type { MachineInfo } from '../machine/types.js';
import { type ExperimentPlan, type Report, type RunSources, runExperiments } from '../report/index.js';
import { createProgress } from './progress.js';
import type { CliIo } from './run-cli.js';

/** How a command wants its experiments run. */
export interface ExecuteOptions {
  machine: MachineInfo;
  quick: boolean;
  seed: number;
  /** No progress and no log lines (`--json`). */
  quiet: boolean;
}

/** Runs the plans with a progress reporter on stderr, stopping the bar whatever happens. */
export async function executePlans(
  io: CliIo,
  sources: RunSources,
  plans: readonly ExperimentPlan[],
  options: ExecuteOptions,
): Promise<Report> {
  const progress = createProgress(io, options.quiet);
  try {
    return await runExperiments(plans, {
      machine: options.machine,
      quick: options.quick,
      seed: options.seed,
      captureEnvironment: sources.captureEnvironment,
      onProgress: (fraction, label) => progress.update(fraction, label),
      log: (line) => progress.log(line),
    });
  } finally {
    progress.stop();
  }
}
