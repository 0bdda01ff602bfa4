import { describe, expect, it } from 'vitest';
import { collectGarbage, garbageCollector } from './gc.js';

describe('collectGarbage', () => {
  it('finds a collector in Node and runs it', () => {
    const gc = garbageCollector();
    expect(typeof gc).toBe('function');
    expect(garbageCollector()).toBe(gc); // found once
    expect(collectGarbage()).toBe(true);
  });

  it('frees an unreachable object (a WeakRef to it is cleared)', () => {
    let target: object | null = { payload: new Float64Array(1024) };
    const ref = new WeakRef(target);
    target = null;
    // WeakRef targets survive until the end of the current job; a later macrotask sees them gone.
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        collectGarbage();
        expect(ref.deref()).toBeUndefined();
        resolve();
      }, 0);
    });
  });
});
