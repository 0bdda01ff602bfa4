/**
 * Validation against the real thing: small C programs run under valgrind's cachegrind and
 * lackey; the lackey trace replayed through softmem's `compat: 'cachegrind'` hierarchy must
 * give cachegrind's I1, D1 and LL miss counts exactly (reads, writes and fetches separately),
 * and `softmem simulate` must print cachegrind's summary line for line.
 *
 * Both runs must see the same program in the same address space: `setarch -R` (no ASLR), the
 * same absolute program path and working directory, and the SAME environment (the strings of
 * argv and envp sit at the top of the stack; one extra variable shifts every stack address and
 * changes the miss counts of glibc's start-up code).
 *
 * Requires gcc (with static glibc), valgrind and setarch; `.ci/run` installs them. When one is
 * missing the suite FAILS with a message, it never skips.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CachegrindCacheSpec,
  CacheHierarchy,
  cachegrindConfig,
  readTrace,
} from '../../src/cache/index.js';
import { cachegrindTotals, formatCachegrindSummary, parseCachegrindOut } from '../../src/report/index.js';
import { cli } from '../cli-helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROGRAMS = ['sequential', 'strided', 'random', 'transpose', 'unaligned'] as const;

interface CacheSet {
  name: string;
  I1: CachegrindCacheSpec;
  D1: CachegrindCacheSpec;
  LL: CachegrindCacheSpec;
}
/** Small caches so that every level misses; two shapes (64- and 32-byte lines, direct-mapped D1). */
const CACHE_SETS: readonly CacheSet[] = [
  { name: '64B lines', I1: [8192, 4, 64], D1: [4096, 2, 64], LL: [65536, 8, 64] },
  { name: '32B lines', I1: [4096, 2, 32], D1: [2048, 1, 32], LL: [32768, 4, 32] },
];
const spec = (s: CachegrindCacheSpec) => s.join(',');

/** The one environment both valgrind runs get. */
const ENVIRONMENT = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C' };

let workDir = '';

function requireTool(command: string, args: string[], hint: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `cachegrind validation needs ${hint}; '${command} ${args.join(' ')}' failed. Run .ci/run, or install it.`,
    );
  }
}

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workDir, env: ENVIRONMENT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

const binary = (program: string) => path.join(workDir, program);
const lackeyPath = (program: string) => path.join(workDir, `${program}.lackey`);
const outPath = (program: string, set: number) => path.join(workDir, `${program}.${set}.cg`);
const stderrOf = new Map<string, string>();

beforeAll(async () => {
  requireTool('gcc', ['--version'], 'gcc');
  requireTool('valgrind', ['--version'], 'valgrind');
  requireTool('setarch', ['--version'], 'setarch (util-linux)');
  workDir = mkdtempSync(path.join(tmpdir(), 'softmem-cachegrind-'));
  // -static: no dynamic loader, fewer and steadier start-up instructions. Needs glibc's libc.a (libc6-dev).
  await Promise.all(
    PROGRAMS.map((program) =>
      run('gcc', ['-O1', '-static', '-o', binary(program), path.join(here, `${program}.c`)]).catch(
        (error: Error) => {
          throw new Error(
            `cannot compile ${program}.c statically (is libc6-dev installed?): ${error.message}`,
          );
        },
      ),
    ),
  );
  // Two programs at a time (the machine has 2 cores): lackey, then cachegrind per cache set.
  const jobs = PROGRAMS.map((program) => async () => {
    await run('setarch', [
      '-R',
      'valgrind',
      '--tool=lackey',
      '--trace-mem=yes',
      `--log-file=${lackeyPath(program)}`,
      binary(program),
    ]);
    for (const [index, set] of CACHE_SETS.entries()) {
      const { stderr } = await run('setarch', [
        '-R',
        'valgrind',
        '--tool=cachegrind',
        '--cache-sim=yes',
        `--I1=${spec(set.I1)}`,
        `--D1=${spec(set.D1)}`,
        `--LL=${spec(set.LL)}`,
        `--cachegrind-out-file=${outPath(program, index)}`,
        binary(program),
      ]);
      stderrOf.set(`${program}.${index}`, stderr);
    }
  });
  const queue = [...jobs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await job();
    }),
  );
}, 120_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

/** cachegrind's summary lines from its stderr, without the `==PID== ` prefix. */
function summaryLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/^==\d+== ?/, ''));
  const first = lines.findIndex((line) => line.startsWith('I   refs:'));
  const last = lines.findIndex((line) => line.startsWith('LL miss rate:'));
  if (first < 0 || last < first) throw new Error(`no cachegrind summary in:\n${text}`);
  return lines.slice(first, last + 1);
}

describe('cachegrind compatibility: identical counts on real programs', () => {
  for (const program of PROGRAMS) {
    for (const [index, set] of CACHE_SETS.entries()) {
      it(`${program}, ${set.name}: I1/D1/LL misses (rd, wr, fetch) equal cachegrind's`, async () => {
        const hierarchy = new CacheHierarchy(cachegrindConfig({ I1: set.I1, D1: set.D1, LL: set.LL }));
        for await (const chunk of readTrace(lackeyPath(program), { format: 'lackey' }))
          hierarchy.consume(chunk);
        const expected = parseCachegrindOut(readFileSync(outPath(program, index), 'utf8'));
        const actual = cachegrindTotals(hierarchy.stats());
        expect(actual).toEqual(expected);
        // Not a trivial agreement: every level missed.
        expect(expected.I1mr).toBeGreaterThan(0);
        expect(expected.D1mr).toBeGreaterThan(expected.DLmr);
        expect(expected.DLmw).toBeGreaterThan(0);
        // And the printed summary is cachegrind's, line for line.
        expect(formatCachegrindSummary(actual, '').trimEnd().split('\n')).toEqual(
          summaryLines(stderrOf.get(`${program}.${index}`) ?? ''),
        );
      });
    }
  }

  it('softmem simulate prints the same summary as cachegrind', async () => {
    const set = CACHE_SETS[0]!;
    const result = await cli(
      'simulate',
      lackeyPath('transpose'),
      '--I1',
      spec(set.I1),
      '--D1',
      spec(set.D1),
      '--LL',
      spec(set.LL),
      '--compat',
      'cachegrind',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(summaryLines(result.stdout)).toEqual(summaryLines(stderrOf.get('transpose.0') ?? ''));
  });
});
