import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { captureEnvironment } from './environment.js';

describe('captureEnvironment', () => {
  it('captures versions, CPU, load, memory, gc and timer figures', () => {
    const env = captureEnvironment();
    expect(env.node).toBe(process.version);
    expect(env.v8).toBe(process.versions.v8);
    expect(env.platform).toBe(process.platform);
    expect(env.arch).toBe(process.arch);
    expect(env.cpuModel.length).toBeGreaterThan(0);
    expect(env.cpus).toBe(os.cpus().length);
    expect(env.loadAverage).toHaveLength(3);
    for (const load of env.loadAverage) expect(load).toBeGreaterThanOrEqual(0);
    expect(env.totalMemoryBytes).toBe(os.totalmem());
    expect(env.gcExposed).toBe(typeof globalThis.gc === 'function');
    expect(env.timerResolutionNs).toBeGreaterThan(0);
    expect(env.timerOverheadNs).toBeGreaterThan(0);
    expect(new Date(env.timestamp).toISOString()).toBe(env.timestamp);
  });

  it('is plain JSON', () => {
    const env = captureEnvironment();
    expect(JSON.parse(JSON.stringify(env))).toEqual(env);
  });
});
