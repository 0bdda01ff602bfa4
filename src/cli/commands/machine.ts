import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { machinePictureSpec } from '../../machine/index.js';
import { machineToJson, machineToTerminal, renderVegaLiteSvg, stringifyJson } from '../../report/index.js';
import type { CliIo } from '../run-cli.js';
import { resolveSources, useColor } from '../sources.js';

interface MachineOptions {
  json?: true;
  svg?: string;
  preset?: string;
}

/** `softmem machine [--json] [--svg FILE] [--preset NAME]`: the memory hierarchy of this machine or a preset. */
export function registerMachine(program: Command, io: CliIo): void {
  program
    .command('machine')
    .description('show the memory hierarchy: caches from sysfs, or a preset')
    .option('--json', 'print the machine as JSON (schema softmem/1) and nothing else')
    .option('--svg <file>', 'also write a picture of the hierarchy as SVG to FILE')
    .option('--preset <name>', "describe a preset instead of this machine ('this', 'athlon', 'apple-m1')")
    .action(async (options: MachineOptions) => {
      const sources = resolveSources(io);
      const machine =
        options.preset === undefined ? sources.detectMachine() : sources.machineByName(options.preset);
      let svgPath: string | null = null;
      if (options.svg !== undefined) {
        svgPath = resolve(options.svg);
        await writeFile(svgPath, await renderVegaLiteSvg(machinePictureSpec(machine)), 'utf8');
      }
      if (options.json === true) {
        io.stdout(stringifyJson(machineToJson(machine)));
        if (svgPath !== null) io.stderr(`picture: ${svgPath}\n`);
        return;
      }
      io.stdout(machineToTerminal(machine, { color: useColor(io) }));
      if (svgPath !== null) io.stdout(`picture: ${svgPath}\n`);
    });
}
