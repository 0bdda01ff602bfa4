import type { Command } from 'commander';
import {
  experimentToTerminal,
  machineToTerminal,
  parseParamAssignment,
  planExperiments,
  reportToCsvText,
  reportToJson,
  reportToMarkdown,
  selectExperiments,
  stringifyJson,
  writeReportFiles,
} from '../../report/index.js';
import { UsageError } from '../../util/errors.js';
import { executePlans } from '../execute.js';
import { collectOption, parseSeedOption } from '../options.js';
import type { CliIo } from '../run-cli.js';
import { resolveSources, useColor } from '../sources.js';

interface RunOptions {
  quick?: true;
  all?: true;
  json?: true;
  csv?: true;
  markdown?: true;
  out?: string;
  seed: number;
  preset?: string;
  param?: string[];
}

/**
 * `softmem run <experiment...>`: runs experiments and prints tables, or JSON / CSV / Markdown
 * on stdout, and with `--out DIR` writes the report files there.
 */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('run experiments (see `softmem list`) and report their results')
    .argument('[experiment...]', 'experiment ids, run in the order given')
    .option('--quick', 'use the quick parameters (seconds instead of minutes)')
    .option('--all', 'run every experiment')
    .option('--json', 'print the results as JSON (schema softmem/1) and nothing else on stdout')
    .option('--csv', 'print the points as CSV (with --out: write <id>.csv files instead)')
    .option('--markdown', 'print a Markdown report (with --out: write report.md instead)')
    .option('--out <dir>', 'write index.html, results.json (and CSV/Markdown when asked) to DIR')
    .option('--seed <n>', 'seed of every random choice (non-negative integer)', parseSeedOption, 1)
    .option('--preset <name>', "run against a preset machine ('this', 'athlon', 'apple-m1')")
    .option('--param <key=value>', 'override a parameter, [experiment.]key=value (repeatable)', collectOption)
    .action(async (ids: string[], options: RunOptions) => {
      const toStdout = [
        options.json,
        options.out === undefined && options.csv,
        options.out === undefined && options.markdown,
      ];
      if (toStdout.filter((wanted) => wanted === true).length > 1) {
        throw new UsageError(
          '--json, --csv and --markdown each take all of stdout: pick one, or add --out DIR',
        );
      }
      const sources = resolveSources(io);
      const experiments = selectExperiments(ids, options.all === true, sources.experiments);
      const quick = options.quick === true;
      const plans = planExperiments(experiments, quick, (options.param ?? []).map(parseParamAssignment));
      const machine =
        options.preset === undefined ? sources.detectMachine() : sources.machineByName(options.preset);
      const json = options.json === true;
      const report = await executePlans(io, sources, plans, {
        machine,
        quick,
        seed: options.seed,
        quiet: json,
      });

      const written =
        options.out === undefined
          ? []
          : await writeReportFiles(options.out, report, {
              csv: options.csv === true,
              markdown: options.markdown === true,
            });
      if (json) io.stdout(stringifyJson(reportToJson(report)));
      else if (options.out === undefined && options.csv === true) io.stdout(reportToCsvText(report));
      else if (options.out === undefined && options.markdown === true) io.stdout(reportToMarkdown(report));
      else {
        const color = useColor(io);
        io.stdout(machineToTerminal(machine, { color }));
        for (const experiment of report.experiments) {
          io.stdout(`\n${experimentToTerminal(experiment, { color, quantities: true, points: true })}`);
        }
      }
      const say = json ? io.stderr : io.stdout;
      for (const path of written) say(`wrote ${path}\n`);
    });
}
