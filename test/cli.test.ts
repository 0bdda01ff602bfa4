import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/run-cli.js';
import type { Experiment } from '../src/experiments/types.js';
import { detectMachine, machineByName } from '../src/machine/index.js';
import { machineToJson } from '../src/report/index.js';
import { cli, cliWith } from './cli-helpers.js';
import { fakeExperiment, fakeSources, HOSTILE } from './fake-experiments.js';

const scratch = mkdtempSync(join(tmpdir(), 'softmem-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sources = fakeSources([fakeExperiment(), fakeExperiment('hostile', HOSTILE)]);
const fake = (...argv: string[]) => cliWith(sources, ...argv);

/** Every command name the program knows, including ones other modules add. */
function commandNames(): string[] {
  return buildProgram({ stdout: () => {}, stderr: () => {}, stderrIsTty: false })
    .commands.map((command) => command.name())
    .filter((name) => name !== 'help');
}

describe('softmem --help', () => {
  it('the program explains the main job', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: softmem/);
    expect(run.stdout).toMatch(/With no command, softmem runs the main job/);
  });

  it.each(commandNames())('%s --help prints its usage and exits 0', async (name) => {
    const run = await cli(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: softmem ${name}`));
    expect(run.stderr).toBe('');
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect((await cli('--version')).stdout.trim()).toBe(version);
  });

  it('has the machine, list and run commands', () => {
    expect(commandNames()).toEqual(expect.arrayContaining(['machine', 'list', 'run']));
  });
});

describe('bad input: exit 2, one line on stderr, nothing on stdout', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['run', 'nope'], /unknown experiment 'nope' \(known: fake, hostile\)/],
    [['run'], /name at least one experiment/],
    [['run', 'fake', '--bogus'], /unknown option '--bogus'/],
    [['run', 'fake', '--seed', '-1'], /seed must be a non-negative integer, got '-1'/],
    [['run', 'fake', '--seed', 'abc'], /seed must be a non-negative integer, got 'abc'/],
    [['run', 'fake', '--seed', '1.5'], /seed must be a non-negative integer/],
    [['run', 'fake', '--seed', '99999999999'], /seed must be an integer in \[0, 4294967295\]/],
    [['--seed', 'abc'], /seed must be a non-negative integer/],
    [['run', 'fake', '--param', 'sizesBytes=12XB'], /not a size: '12XB'/],
    [
      ['run', 'fake', '--param', 'repeats=-3'],
      /parameter 'repeats' must be a non-negative integer, got '-3'/,
    ],
    [['run', 'fake', '--param', 'nope=1'], /no experiment being run has a parameter 'nope'/],
    [['run', 'fake', '--json', '--csv'], /pick one/],
    [['run', 'fake', '--preset', 'nope'], /unknown machine preset 'nope'/],
    [['machine', '--preset', 'nope'], /unknown machine preset 'nope'/],
    [['machine', 'extra'], /too many arguments/],
  ])('%j', async (argv, message) => {
    const run = await fake(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('an experiment that fails is exit 1, not a usage error', async () => {
    const broken: Experiment = {
      ...fakeExperiment('broken'),
      run: async () => Promise.reject(new Error('sensor on fire')),
    };
    const run = await cliWith(fakeSources([broken]), 'run', 'broken');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sensor on fire/);
  });
});

describe('softmem machine', () => {
  it('--json is the softmem/1 machine and agrees with what detectMachine() reads', async () => {
    const run = await cli('machine', '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as ReturnType<typeof machineToJson>;
    expect(json).toEqual(machineToJson(detectMachine()));
    expect(json.schema).toBe('softmem/1');
    for (const cache of json.caches) {
      expect(['data', 'instruction', 'unified']).toContain(cache.type);
      expect(cache.sizeBytes).toBeGreaterThan(0);
      expect(Object.keys(cache)).toEqual(
        expect.arrayContaining(['level', 'lineBytes', 'ways', 'sets', 'sharedByCpus']),
      );
    }
  });

  it('--preset athlon describes the preset, and the table names its caches', async () => {
    const json = JSON.parse((await cli('machine', '--preset', 'athlon', '--json')).stdout) as unknown;
    expect(json).toEqual(machineToJson(machineByName('athlon')));
    const text = await cli('machine', '--preset', 'athlon');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/athlon/);
    expect(text.stdout).toMatch(/512 KiB/);
    expect(text.stdout).not.toContain('\u001b['); // no colour when asked for none
  });

  it('--svg FILE writes the picture of the hierarchy', async () => {
    const path = join(scratch, 'machine.svg');
    const run = await cli('machine', '--preset', 'athlon', '--svg', path);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(path);
    const svg = readFileSync(path, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('L2 512 KiB');
  });
});

describe('softmem list', () => {
  it('lists every registered experiment, as a table or JSON', async () => {
    const table = await fake('list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/fake .*Fake experiment/);
    const json = JSON.parse((await fake('list', '--json')).stdout) as { experiments: { id: string }[] };
    expect(json.experiments.map((experiment) => experiment.id)).toEqual(['fake', 'hostile']);
  });
});

describe('softmem run', () => {
  it('--json prints only the softmem/1 run document, with nothing on stderr', async () => {
    const run = await fake('run', 'fake', '--json', '--quick', '--seed', '5');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      experiments: {
        id: string;
        params: { sizesBytes: number[] };
        points: unknown[];
        summary: { seed: number };
      }[];
    };
    expect(Object.keys(json)).toEqual(['schema', 'machine', 'environment', 'experiments']);
    expect(json.schema).toBe('softmem/1');
    expect(json.experiments[0]!.id).toBe('fake');
    expect(json.experiments[0]!.params.sizesBytes).toEqual([4096, 65536]); // quick defaults
    expect(json.experiments[0]!.points).toHaveLength(2);
    expect(json.experiments[0]!.summary.seed).toBe(5);
  });

  it('--param overrides a default with a size list', async () => {
    const run = await fake('run', 'fake', '--json', '--param', 'sizesBytes=1K,2K,3K');
    const json = JSON.parse(run.stdout) as { experiments: { points: { sizeBytes: number }[] }[] };
    expect(json.experiments[0]!.points.map((point) => point.sizeBytes)).toEqual([1024, 2048, 3072]);
  });

  it('--csv prints a CSV block per experiment with hostile text quoted', async () => {
    const run = await fake('run', 'fake', 'hostile', '--csv', '--param', `label=${HOSTILE}`);
    expect(run.code).toBe(0);
    const blocks = run.stdout.split('\n\n');
    expect(blocks.map((block) => block.split('\n')[0])).toEqual(['# fake', '# hostile']);
    expect(blocks[0]!.split('\n')[1]).toBe('sizeBytes,nsPerAccess,label,fitsL1,note');
    expect(run.stdout).toContain(`"${HOSTILE.replaceAll('"', '""')}"`);
    expect(run.stderr).toMatch(/fake: running/); // progress as plain lines when stderr is not a TTY
  });

  it('--markdown prints a Markdown report', async () => {
    const run = await fake('run', 'hostile', '--markdown', '--quick');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# softmem report/);
    expect(run.stdout).toContain('\\<script\\>');
    expect(run.stdout).not.toMatch(/(?<!\\)<script/);
  });

  it('prints tables by default, every point included', async () => {
    const run = await fake('run', 'fake', '--preset', 'athlon');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Machine 'athlon'/);
    expect(run.stdout).toMatch(/Fake experiment/);
    expect(run.stdout.match(/│ \d+ KiB +│ [\d.]+ +│ full +│/g)).toHaveLength(4);
  });

  it('--out DIR writes index.html, results.json and, when asked, CSV and Markdown files', async () => {
    const out = join(scratch, 'run-out');
    const run = await fake('run', '--all', '--quick', '--csv', '--markdown', '--out', out);
    expect(run.code).toBe(0);
    for (const name of ['index.html', 'results.json', 'fake.csv', 'hostile.csv', 'report.md']) {
      expect(run.stdout).toContain(join(out, name));
    }
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { experiments: unknown[] };
    expect(results.experiments).toHaveLength(2);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
  });
});

describe('softmem (the main job)', () => {
  it('prints the machine, each experiment and a summary, and writes the report', async () => {
    const out = join(scratch, 'main-job');
    const run = await fake('--out', out, '--seed', '3');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Machine 'this'/);
    expect(run.stdout).toMatch(/Summary/);
    expect(run.stdout).toContain(`Report: ${join(out, 'index.html')}`);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      experiments: { id: string; summary: { quick: boolean; seed: number } }[];
    };
    expect(results.experiments.map((experiment) => experiment.id)).toEqual(['fake', 'hostile']);
    expect(results.experiments.every(({ summary }) => summary.quick && summary.seed === 3)).toBe(true);
  });
});
