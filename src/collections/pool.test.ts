import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
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

  it('traced: hands out the same objects as untraced, with three bookkeeping accesses per call', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(-1), fc.nat()), { minLength: 1, maxLength: 200 }),
        (steps) => {
          const trace = new TraceBuffer();
          let madeTraced = 0;
          let madePlain = 0;
          const traced = new Pool({ create: () => ({ n: madeTraced++ }), trace, baseAddress: 4096 });
          const plain = new Pool({ create: () => ({ n: madePlain++ }) });
          const outTraced: { n: number }[] = [];
          const outPlain: { n: number }[] = [];
          for (const step of steps) {
            trace.clear();
            if (step === -1 || outPlain.length === 0) {
              outTraced.push(traced.acquire());
              outPlain.push(plain.acquire());
              expect(outTraced.at(-1)!.n).toBe(outPlain.at(-1)!.n);
            } else {
              const k = step % outPlain.length;
              traced.release(outTraced.splice(k, 1)[0]!);
              plain.release(outPlain.splice(k, 1)[0]!);
            }
            // acquire: free-list load or object store, state store, object load; release: state load, store, free-list store.
            expect(trace.length).toBe(3);
            for (let a = 0; a < trace.length; a++) expect(trace.addresses[a]!).toBeGreaterThanOrEqual(4096);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('traced: free list at baseAddress, state marks after it, object references at the next 8-byte boundary', () => {
    const trace = new TraceBuffer();
    // capacity 16: free list 0..63, state 64..79, references 80..
    const pool = new Pool({ create: () => ({}), initialSize: 1, trace });
    const recorded = () =>
      Array.from({ length: trace.length }, (_, k) => [trace.addresses[k], trace.sizes[k], trace.kinds[k]]);
    const { Load, Store } = AccessKind;
    expect(recorded()).toEqual([
      [80, 8, Store], // objects[0]
      [0, 4, Store], // freeIds[0]
    ]);
    trace.clear();
    const first = pool.acquire();
    pool.acquire();
    pool.release(first);
    expect(recorded()).toEqual([
      [0, 4, Load], // freeIds[0]
      [64, 1, Store], // state[0]
      [80, 8, Load], // objects[0]
      [88, 8, Store], // objects[1], a new object
      [65, 1, Store], // state[1]
      [88, 8, Load], // objects[1]
      [64, 1, Load], // state[0]: the double-release check
      [64, 1, Store], // state[0]
      [0, 4, Store], // freeIds[0]
    ]);
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
