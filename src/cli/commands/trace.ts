import type { Command } from 'commander';
import { checkTraceFormat, convertTrace, formatFromFileName, TRACE_FORMATS } from '../../cache/index.js';
import type { CliIo } from '../run-cli.js';

interface ConvertOptions {
  from?: string;
  to?: string;
}

/** `softmem trace convert IN OUT [--from F] [--to F]`: converts a trace between formats, streaming. */
export function registerTrace(program: Command, io: CliIo): void {
  const trace = program.command('trace').description('work with memory trace files');
  trace
    .command('convert')
    .description(
      `convert a trace between formats (${TRACE_FORMATS.join(', ')}); OUT appears only when complete`,
    )
    .argument('<in>', 'input trace, or - for stdin')
    .argument('<out>', 'output file (.lackey, .din, .xdin, .smt)')
    .option('--from <format>', 'input format (default: from the extension, else the content)')
    .option('--to <format>', 'output format (default: from the extension)')
    .action(async (input: string, output: string, options: ConvertOptions) => {
      const from = options.from === undefined ? undefined : checkTraceFormat(options.from);
      const to = options.to === undefined ? undefined : checkTraceFormat(options.to);
      const accesses = await convertTrace(input, output, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
      io.stdout(`wrote ${accesses} accesses to ${output} (${to ?? formatFromFileName(output)})\n`);
    });
}
