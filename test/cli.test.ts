import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

describe('softmem CLI basics', () => {
  it('--help lists the program and exits 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: softmem/);
  });

  it('an unknown flag is one line on stderr and exit 2', async () => {
    const run = await cli('--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('the built binary runs as a process with the same exit codes', () => {
    expect(existsSync('dist/cli/main.js')).toBe(true);
    expect(execFileSync(process.execPath, ['dist/cli/main.js', '--version'], { encoding: 'utf8' })).toMatch(
      /\d+\.\d+/,
    );
    const bad = spawnSync(process.execPath, ['dist/cli/main.js', '--bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\.js/); // no stack trace
  });
});
