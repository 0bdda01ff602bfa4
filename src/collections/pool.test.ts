import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pool } from './index.js';

interface Particle {
  id: number;
  dirty: boolean;
}

const opArbitrary = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('acquire' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('doubleRelease' as const), pick: fc.nat() }) },
);

describe('Pool against a model (in-use set, LIFO free stack)', () => {
  it('hands out free objects last-released-first, resets them, and detects double releases', () => {
    let operations = 0;
    fc.assert(
      fc.property(
        fc.nat(5),
        fc.array(opArbitrary, { minLength: 150, maxLength: 400 }),
        (initialSize, ops) => {
          let created = 0;
          const pool = new Pool<Particle>({
            create: () => ({ id: created++, dirty: false }),
            reset: (p) => {
              p.dirty = false;
            },
            initialSize,
          });
          const free: Particle[] = [];
          const inUse: Particle[] = [];
          const released: Particle[] = [];
          for (let i = 0; i < initialSize; i++) free.push({ id: i, dirty: false });
          for (const step of ops) {
            operations++;
            if (step.op === 'acquire') {
              const expectedId = free.length > 0 ? free.pop()!.id : created;
              const p = pool.acquire();
              if (p.id !== expectedId || p.dirty)
                expect({ id: p.id, dirty: p.dirty }).toEqual({ id: expectedId, dirty: false });
              p.dirty = true;
              inUse.push(p);
            } else if (step.op === 'release' && inUse.length > 0) {
              const [p] = inUse.splice(step.pick % inUse.length, 1) as [Particle];
              pool.release(p);
              if (p.dirty) expect(p.dirty, 'reset hook ran').toBe(false);
              free.push(p);
              released.push(p);
            } else if (step.op === 'doubleRelease' && released.length > 0) {
              const p = released[step.pick % released.length]!;
              if (!inUse.includes(p))
                expect(() => pool.release(p)).toThrow(`Pool.release: double release of object #${p.id}`);
            }
            if (pool.inUse !== inUse.length || pool.available !== free.length || pool.size !== created) {
              expect([pool.inUse, pool.available, pool.size]).toEqual([inUse.length, free.length, created]);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('rejects foreign objects, honours maxSize and names bad options', () => {
    const pool = new Pool({ create: () => ({}), maxSize: 2 });
    pool.acquire();
    pool.acquire();
    expect(() => pool.acquire()).toThrow('Pool exhausted: all 2 objects (maxSize) are in use');
    expect(() => pool.release({})).toThrow('Pool.release: object was not created by this pool');
    expect(() => new Pool({ create: () => ({}), maxSize: 0 })).toThrow(
      'Pool maxSize must be a positive integer, got 0',
    );
    expect(() => new Pool({ create: () => ({}), initialSize: -1 })).toThrow(
      'Pool initialSize must be an integer',
    );
    const shared = {};
    expect(() => new Pool({ create: () => shared, initialSize: 2 })).toThrow(
      'create() returned an object the pool already owns',
    );
  });
});
