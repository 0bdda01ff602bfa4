import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'softmem-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

/**
 * A trace whose cachegrind counts are worked out by hand (64-byte lines, cold caches):
 *   fetch 0x1000 miss, fetch 0x1004 hit (same line), fetch 0x1040 miss;
 *   load 0x2000 miss, store 0x2008 hit, modify 0x2010 hit (one read),
 *   load 0x203c size 8 spans 0x2000 (hit) and 0x2040 (miss): one read, one miss.
 * I1: 3 fetches, 2 misses. D1: 3 reads, 2 misses; 1 write, 0 misses. LL: all 4 misses miss.
 */
const HAND_TRACE = [
  '==1== Lackey',
  'I  00001000,4',
  'I  00001004,4',
  'I  00001040,4',
  ' L 00002000,8',
  ' S 00002008,8',
  ' M 00002010,4',
  ' L 0000203c,8',
  '',
].join('\n');
const SMALL = ['--I1', '1024,2,64', '--D1', '1024,2,64', '--LL', '8192,4,64'];

interface JsonLevel {
  name: string;
  accesses: number;
  misses: number;
  readAccesses: number;
  readMisses: number;
  writeAccesses: number;
  writeMisses: number;
  fetchAccesses: number;
  fetchMisses: number;
}

describe('softmem simulate', () => {
  const handPath = file('hand.lackey', HAND_TRACE);

  it('--json gives the hand-computed cachegrind counts per level', async () => {
    const run = await cli('simulate', handPath, ...SMALL, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { schema: string; levels: JsonLevel[] };
    expect(document.schema).toBe('softmem/1');
    const [i1, d1, ll] = document.levels;
    expect([i1?.name, d1?.name, ll?.name]).toEqual(['I1', 'D1', 'LL']);
    expect([i1?.fetchAccesses, i1?.fetchMisses]).toEqual([3, 2]);
    expect([d1?.readAccesses, d1?.readMisses, d1?.writeAccesses, d1?.writeMisses]).toEqual([3, 2, 1, 0]);
    expect([ll?.accesses, ll?.misses, ll?.fetchMisses, ll?.readMisses, ll?.writeMisses]).toEqual([
      4, 4, 2, 2, 0,
    ]);
  });

  it("prints the summary in cachegrind's layout", async () => {
    const run = await cli('simulate', handPath, ...SMALL);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.every((line) => /^==\d+== /.test(line))).toBe(true);
    const text = lines.map((line) => line.replace(/^==\d+== /, '')).join('\n');
    expect(text).toContain('I   refs:      3\nI1  misses:    2\nLLi misses:    2\nI1  miss rate: 66.67%');
    expect(text).toContain('D   refs:      4  (3 rd   + 1 wr)\nD1  misses:    2  (2 rd   + 0 wr)');
    expect(text).toContain('LL refs:       4  (4 rd   + 0 wr)');
  });

  it('reads stdin (-) in the built binary, format from the content', () => {
    const run = spawnSync(process.execPath, ['dist/cli/main.js', 'simulate', '-', ...SMALL, '--json'], {
      input: HAND_TRACE,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { levels: JsonLevel[] }).levels[0]?.fetchMisses).toBe(2);
  });

  it('gives the same counts for the trace converted to every format that keeps sizes', async () => {
    const reference = (await cli('simulate', handPath, ...SMALL)).stdout.replace(/==\d+==/g, '');
    for (const extension of ['smt', 'xdin']) {
      const out = path.join(dir, `hand.${extension}`);
      const conversion = await cli('trace', 'convert', handPath, out);
      expect(conversion.code).toBe(0);
      expect(conversion.stdout).toMatch(/^wrote 7 accesses to .*hand\.\w+ \((bin|xdin)\)\n$/);
      const run = await cli('simulate', out, ...SMALL);
      // xdin splits the modify into a read and a write: the D1 line changes, I1 does not.
      if (extension === 'smt') expect(run.stdout.replace(/==\d+==/g, '')).toBe(reference);
      else expect(run.stdout).toContain('I1  misses:    2');
    }
  });

  it('--format overrides the extension', async () => {
    const odd = file('odd.trace', HAND_TRACE);
    expect((await cli('simulate', odd, ...SMALL)).code).toBe(0); // recognised from the content
    const run = await cli('simulate', odd, '--format', 'din', ...SMALL);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/odd\.trace:1: cannot parse '==1== Lackey'/);
  });

  it('--preset this simulates whatever this machine reports, stating each assumption on stderr', async () => {
    const run = await cli('simulate', handPath, '--preset', 'this', '--json');
    expect(run.code).toBe(0);
    const levels = (JSON.parse(run.stdout) as { levels: JsonLevel[] }).levels;
    expect(levels.length).toBeGreaterThan(0);
    for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^softmem: note: /);
  });

  it('--preset, --config and --policy build other hierarchies', async () => {
    const preset = await cli('simulate', handPath, '--preset', 'athlon', '--json');
    expect(preset.code).toBe(0);
    expect((JSON.parse(preset.stdout) as { levels: JsonLevel[] }).levels.length).toBeGreaterThan(1);
    const configPath = file(
      'config.json',
      JSON.stringify({ levels: [{ name: 'L1', sizeBytes: 512, ways: 8, lineBytes: 64 }] }),
    );
    const single = await cli('simulate', handPath, '--config', configPath, '--json');
    expect(single.code).toBe(0);
    const levels = (JSON.parse(single.stdout) as { levels: JsonLevel[] }).levels;
    expect(levels.map((l) => l.name)).toEqual(['L1']);
    expect(levels[0]?.fetchMisses).toBe(2);
    for (const policy of ['lru', 'fifo', 'random', 'plru', 'srrip']) {
      const run = await cli('simulate', handPath, ...SMALL, '--policy', policy);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('I1  misses:    2');
    }
  });

  it("--compat cachegrind caps helper-sized accesses (fxsave's 512 bytes) at the smallest line, as cachegrind does", async () => {
    const trace = file('fxsave.lackey', 'I  00001000,4\n S 00003010,512\n L 00003040,8\n');
    const run = await cli('simulate', trace, ...SMALL, '--json');
    expect(run.stderr).toBe('');
    const d1 = (JSON.parse(run.stdout) as { levels: JsonLevel[] }).levels[1];
    // The store is capped to 64 bytes at 0x3010: lines 0x3000 and 0x3040, so the load hits.
    expect([d1?.writeAccesses, d1?.writeMisses, d1?.readAccesses, d1?.readMisses]).toEqual([1, 1, 1, 0]);
  });

  const badCases: [string, string[], RegExp][] = [
    ['line size not a power of two', ['--D1', '4096,2,48'], /D1: line size must be a power of two, got 48/],
    ['size not divisible', ['--D1', '4000,2,64'], /D1: size 4000 is not divisible/],
    ['zero ways', ['--D1', '4096,0,64'], /D1: ways must be .*got 0/],
    ['malformed cache spec', ['--LL', '1M,16'], /--LL expects size,assoc,line/],
    ['unknown preset', ['--preset', 'cray-1'], /unknown machine preset 'cray-1'/],
    ['unknown policy', ['--policy', 'mru'], /unknown replacement policy 'mru'/],
    ['policy against cachegrind', ['--compat', 'cachegrind', '--policy', 'fifo'], /simulates LRU only/],
    ['unknown compat', ['--compat', 'dinero'], /unknown --compat mode 'dinero'/],
    ['unknown format', ['--format', 'pixie'], /unknown trace format 'pixie'/],
    [
      'missing config',
      ['--config', '/nonexistent/c.json'],
      /cannot read config '\/nonexistent\/c.json': no such file/,
    ],
  ];
  for (const [what, args, message] of badCases) {
    it(`${what}: one line on stderr, exit 2`, async () => {
      const run = await cli('simulate', handPath, ...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    });
  }

  it('a missing trace, a malformed line and bad JSON are one line, exit 2', async () => {
    const missing = await cli('simulate', path.join(dir, 'nope.lackey'));
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringMatching(/^softmem: cannot read trace '.*nope\.lackey': no such file\n$/),
    ]);
    const bad = file('bad.lackey', `${HAND_TRACE} X 12,4\n`);
    const malformed = await cli('simulate', bad);
    expect([malformed.code, malformed.stderr]).toEqual([2, `softmem: ${bad}:9: cannot parse ' X 12,4'\n`]);
    const json = await cli('simulate', handPath, '--config', file('bad.json', '{ levels: '));
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^softmem: config '.*bad\.json' is not valid JSON/);
  });
});

describe('softmem trace convert', () => {
  it('streams a lackey trace to softmem binary and back, byte for byte', async () => {
    const source = file('round.lackey', HAND_TRACE.split('\n').slice(1).join('\n'));
    const binary = path.join(dir, 'round.smt');
    const back = path.join(dir, 'back.lackey');
    expect((await cli('trace', 'convert', source, binary)).code).toBe(0);
    expect((await cli('trace', 'convert', binary, back)).code).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe(readFileSync(source, 'utf8'));
  });

  it('--from/--to override extensions; unknown targets are usage errors', async () => {
    const source = file('plain.txt', '2 1000\n0 2000\n');
    const out = path.join(dir, 'plain.out');
    const run = await cli('trace', 'convert', source, out, '--from', 'din', '--to', 'lackey');
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('I  00001000,4\n L 00002000,4\n');
    const unknown = await cli('trace', 'convert', source, path.join(dir, 'x.out'), '--from', 'din');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/cannot tell the format to write .*pass --to/);
    const badTo = await cli('trace', 'convert', source, out, '--to', 'csv');
    expect([badTo.code, badTo.stderr]).toEqual([2, expect.stringMatching(/unknown trace format 'csv'/)]);
  });

  it('a malformed input leaves no output file behind', async () => {
    const source = file('broken.lackey', 'I  1000,4\nI  zz,4\n');
    const before = readdirSync(dir).length;
    const run = await cli('trace', 'convert', source, path.join(dir, 'broken.smt'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.lackey:2: cannot parse 'I {2}zz,4'/);
    expect(existsSync(path.join(dir, 'broken.smt'))).toBe(false);
    expect(readdirSync(dir).length).toBe(before);
  });
});
