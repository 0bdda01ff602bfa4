import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IsolatedRunError, runIsolated } from './isolate.js';

const fixtureUrl = new URL('./fixtures/isolate-fixture.ts', import.meta.url).href;
const fixturePath = path.relative(process.cwd(), fileURLToPath(fixtureUrl));
const jsFixtureUrl = new URL('./fixtures/isolate-fixture.mjs', import.meta.url).href;

// Each case starts a Node child; run them side by side.
describe.concurrent('runIsolated', () => {
  it('round-trips JSON args and result through a fresh --expose-gc child (file URL)', async () => {
    const result = await runIsolated<{ sum: number; gcExposed: boolean; pid: number }>(fixtureUrl, 'echo', {
      values: [1, 2, 3.5],
    });
    expect(result.sum).toBe(6.5);
    expect(result.gcExposed).toBe(true);
    expect(result.pid).not.toBe(process.pid);
  });

  it('accepts a path relative to the working directory and runs the harness with gc in the child', async () => {
    const result = await runIsolated<{ gcBetweenSamples: boolean; samples: number }>(
      fixturePath,
      'measureWithGc',
    );
    expect(result).toEqual({ gcBetweenSamples: true, samples: 3 });
  });

  it("turns the child's thrown error into a clear IsolatedRunError", async () => {
    const error = await runIsolated(jsFixtureUrl, 'fail', { message: 'boom' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IsolatedRunError);
    const failure = error as IsolatedRunError;
    expect(failure.message).toMatch(/^runIsolated: fail in .*isolate-fixture\.mjs threw RangeError: boom$/);
    expect(failure.childErrorName).toBe('RangeError');
    expect(failure.childStack).toContain('boom');
  });

  it('reports a child that dies without replying, with its exit code and last output', async () => {
    await expect(runIsolated(jsFixtureUrl, 'crash')).rejects.toThrow(
      /died \(exit code 7\) without a result; output: about to crash/,
    );
  });

  it('reports a missing export, a non-function export and a missing module', async () => {
    const missingModuleUrl = new URL('./fixtures/missing.mjs', import.meta.url).href;
    await Promise.all([
      expect(runIsolated(jsFixtureUrl, 'nothingHere')).rejects.toThrow(
        /export "nothingHere" is not a function/,
      ),
      expect(runIsolated(jsFixtureUrl, 'notAFunction')).rejects.toThrow(/is not a function \(got number\)/),
      expect(runIsolated(missingModuleUrl, 'x')).rejects.toThrow(/threw Error: Cannot find module/),
    ]);
  });

  it('kills a child that runs past the timeout', async () => {
    await expect(runIsolated(jsFixtureUrl, 'hang', undefined, { timeoutMs: 1500 })).rejects.toThrow(
      /hang in .* timed out after 1500 ms/,
    );
  });

  it('resolves null for a function that returns nothing', async () => {
    expect(await runIsolated(jsFixtureUrl, 'nothing')).toBeNull();
  });

  it('rejects arguments that JSON cannot carry before starting a child', async () => {
    await expect(runIsolated(jsFixtureUrl, 'echo', { big: 1n })).rejects.toThrow(TypeError);
  });
});
