import Table from 'cli-table3';
import type { Command } from 'commander';
import { SCHEMA, stringifyJson } from '../../report/index.js';
import type { CliIo } from '../run-cli.js';
import { resolveSources } from '../sources.js';

/** `softmem list [--json]`: the experiments `softmem run` knows, in the order the main job runs them. */
export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('list the experiments that `softmem run` can run')
    .option('--json', 'print the list as JSON (schema softmem/1)')
    .action((options: { json?: true }) => {
      const { experiments } = resolveSources(io);
      if (options.json === true) {
        io.stdout(
          stringifyJson({
            schema: SCHEMA,
            experiments: experiments.map(({ id, title, description, defaults }) => ({
              id,
              title,
              description,
              defaults,
            })),
          }),
        );
        return;
      }
      if (experiments.length === 0) {
        io.stdout('No experiments are registered.\n');
        return;
      }
      const table = new Table({
        head: ['id', 'title', 'what it measures'],
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
        colWidths: [null, null, 60],
        wordWrap: true,
      });
      for (const { id, title, description } of experiments) table.push([id, title, description]);
      io.stdout(`${table.toString()}\n`);
    });
}
