import type { Command } from 'commander';
import {
  experimentToTerminal,
  machineToTerminal,
  planExperiments,
  summaryToTerminal,
  writeReportFiles,
} from '../../report/index.js';
import { UsageError } from '../../util/errors.js';
import { executePlans } from '../execute.js';
import { parseSeedOption } from '../options.js';
import type { CliIo } from '../run-cli.js';
import { resolveSources, useColor } from '../sources.js';

/** Where the main job writes its report unless told otherwise (relative to the working directory). */
export const DEFAULT_REPORT_DIRECTORY = 'softmem-report';

/**
 * `softmem` with no command: the main job. Prints the machine, runs every experiment in quick
 * mode, prints each one's sentences and a summary table, and writes the HTML report.
 */
export function registerMainJob(program: Command, io: CliIo): void {
  program
    // Root options only before a command, so `run --out DIR` and `run --seed N` belong to `run`.
    .enablePositionalOptions()
    .option('--out <dir>', 'directory for the report of the main job', DEFAULT_REPORT_DIRECTORY)
    .option('--seed <n>', 'seed of every random choice (non-negative integer)', parseSeedOption, 1)
    .addHelpText(
      'after',
      `\nWith no command, softmem runs the main job: the machine, every experiment in quick mode,\na summary, and an HTML report in ./${DEFAULT_REPORT_DIRECTORY}/index.html.`,
    )
    .action(async (options: { out: string; seed: number }, command: Command) => {
      const stray = command.args[0];
      if (stray !== undefined) throw new UsageError(`unknown command '${stray}' (see softmem --help)`);
      const sources = resolveSources(io);
      const color = useColor(io);
      const machine = sources.detectMachine();
      io.stdout(machineToTerminal(machine, { color }));
      const plans = planExperiments(sources.experiments, true);
      const report = await executePlans(io, sources, plans, {
        machine,
        quick: true,
        seed: options.seed,
        quiet: false,
      });
      for (const experiment of report.experiments) {
        io.stdout(`\n${experimentToTerminal(experiment, { color, quantities: false, points: false })}`);
      }
      if (report.experiments.length > 0) io.stdout(`\n${summaryToTerminal(report, { color })}`);
      const [htmlPath] = await writeReportFiles(options.out, report);
      io.stdout(`\nReport: ${htmlPath}\n`);
    });
}
