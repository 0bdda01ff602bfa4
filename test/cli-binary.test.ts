import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMachine } from '../src/machine/index.js';
import { machineToJson } from '../src/report/index.js';
import { plainChildEnv } from './cli-helpers.js';

const BINARY = 'dist/cli/main.js';

/** Runs the built binary (npm test builds it first) with a clean colour environment. */
function softmem(argv: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BINARY, ...argv], {
    encoding: 'utf8',
    env: plainChildEnv(env),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built softmem binary', () => {
  it('exists (npm test builds before running vitest)', () => {
    expect(existsSync(BINARY), `${BINARY} is missing: run npm run build`).toBe(true);
  });

  it.each([[[]], [['run']]])('%j --help exits 0 with usage', (argv) => {
    const run = softmem([...argv, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: softmem/);
  });

  it.each([
    [['run', 'no-such-experiment'], /unknown experiment 'no-such-experiment'/],
    [['run', '--all', '--seed', 'abc'], /seed must be a non-negative integer, got 'abc'/],
    [['machine', '--preset', 'nope'], /unknown machine preset 'nope'/],
  ])('%j exits 2 with one line on stderr, no stack, nothing on stdout', (argv, message) => {
    const run = softmem(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*\.js/);
  });

  it('machine --json agrees with what detectMachine() reads from sysfs', () => {
    const run = softmem(['machine', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(machineToJson(detectMachine()));
  });

  it('colours its tables when forced, and NO_COLOR turns colour off', () => {
    expect(softmem(['machine'], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    const plain = softmem(['machine'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('\u001b[');
  });
});
