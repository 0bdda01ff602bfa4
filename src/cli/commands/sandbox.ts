import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderVegaLiteSvg } from '../../report/index.js';
import {
  EXAMPLES,
  type ExampleOutcome,
  findExample,
  renderSpaceText,
  runExample,
  spaceVegaLite,
} from '../../sandbox/index.js';
import { UsageError } from '../../util/index.js';
import type { CliIo } from '../run-cli.js';

function report(outcome: ExampleOutcome): string {
  const { example, error, sandbox } = outcome;
  const lines = [
    `${example.name}: ${example.title}`,
    `seed section: ${example.section}`,
    '',
    ...example.c.split('\n').map((line) => `    ${line}`),
    '',
    example.lesson,
    '',
    error === null ? 'No error: the sanitizer found nothing and nothing leaked.' : error.message,
    '',
    `expected: ${example.expected}, got: ${error === null ? 'none' : error.kind} -> ${outcome.matched ? 'as expected' : 'UNEXPECTED'}`,
    '',
    sandbox.faultRegions === null ? 'address space at exit:' : 'address space when the error was raised:',
    renderSpaceText(sandbox, sandbox.faultRegions === null ? {} : { regions: sandbox.faultRegions }),
  ];
  return `${lines.join('\n')}\n`;
}

/** `softmem sandbox list` and `softmem sandbox run NAME [--json] [--vega FILE] [--svg FILE]`. */
export function registerSandbox(program: Command, io: CliIo): void {
  const sandbox = program
    .command('sandbox')
    .description("C pointers made touchable: the seed's snippets run in a sanitized memory sandbox");

  sandbox
    .command('list')
    .description('list the runnable examples and the error each one shows')
    .action(() => {
      const width = Math.max(...EXAMPLES.map((example) => example.name.length));
      for (const example of EXAMPLES) {
        io.stdout(`${example.name.padEnd(width)}  ${example.expected.padEnd(22)}  ${example.title}\n`);
      }
    });

  sandbox
    .command('run')
    .description("run an example and print the sanitizer's report and the address space")
    .argument('<name>', 'example name (see `softmem sandbox list`)')
    .option('--json', 'print the outcome as JSON instead of text')
    .option('--vega <file>', 'write the address-space picture as a Vega-Lite spec (JSON)')
    .option('--svg <file>', 'write the address-space picture as SVG')
    .action(async (name: string, options: { json?: boolean; vega?: string; svg?: string }) => {
      const example = findExample(name);
      if (example === undefined) {
        throw new UsageError(`unknown example '${name}'; one of: ${EXAMPLES.map((e) => e.name).join(', ')}`);
      }
      const outcome = runExample(example);
      const spec = spaceVegaLite(
        outcome.sandbox,
        `softmem sandbox: ${name}`,
        outcome.sandbox.faultRegions ?? undefined,
      );
      if (options.vega !== undefined) writeFileSync(options.vega, `${JSON.stringify(spec, null, 2)}\n`);
      if (options.svg !== undefined) writeFileSync(options.svg, await renderVegaLiteSvg(spec));
      if (options.json === true) {
        const { error } = outcome;
        io.stdout(
          `${JSON.stringify(
            {
              name: example.name,
              expected: example.expected,
              kind: error === null ? 'none' : error.kind,
              matched: outcome.matched,
              message: error?.message ?? null,
              address: error?.address ?? null,
              stats: outcome.sandbox.stats(),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      io.stdout(report(outcome));
    });
}
