import { describe, expect, it } from 'vitest';
import { measureTimerOverhead, measureTimerResolution, timer } from './timer.js';

describe('timer', () => {
  it('never runs backwards', () => {
    let previous = timer.now();
    let backwards = 0;
    for (let i = 0; i < 100_000; i++) {
      const current = timer.now();
      if (current < previous) backwards++;
      previous = current;
    }
    expect(backwards).toBe(0);
  });

  it('advances across real work', () => {
    const start = timer.now();
    let spin = 0;
    while (timer.now() === start) spin++;
    expect(timer.now()).toBeGreaterThan(start);
    expect(spin).toBeGreaterThanOrEqual(0);
  });

  it('reports a positive, finite resolution and overhead, cached after first use', () => {
    const resolution = timer.resolutionNs;
    const overhead = timer.overheadNs;
    expect(resolution).toBeGreaterThan(0);
    expect(Number.isFinite(resolution)).toBe(true);
    expect(overhead).toBeGreaterThan(0);
    expect(Number.isFinite(overhead)).toBe(true);
    expect(timer.resolutionNs).toBe(resolution);
    expect(timer.overheadNs).toBe(overhead);
    expect(measureTimerResolution()).toBeGreaterThan(0);
    expect(measureTimerOverhead()).toBeGreaterThan(0);
  });
});
