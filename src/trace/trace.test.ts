import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccessKind,
  type ChunkConsumer,
  replay,
  TraceBuffer,
  type TraceChunk,
  TraceCounter,
  TraceStream,
} from './index.js';

const access = fc.record({
  address: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  size: fc.integer({ min: 1, max: 64 }),
  kind: fc.constantFrom(AccessKind.Load, AccessKind.Store, AccessKind.Modify, AccessKind.Fetch),
});

describe('TraceBuffer', () => {
  it('keeps every access in order across growth, with 53-bit addresses intact', () => {
    fc.assert(
      fc.property(fc.array(access, { maxLength: 3000 }), (accesses) => {
        const buffer = new TraceBuffer(2);
        for (const a of accesses) buffer.access(a.address, a.size, a.kind);
        const chunk = buffer.toChunk();
        expect(chunk.length).toBe(accesses.length);
        accesses.forEach((a, i) => {
          expect(chunk.addresses[i]).toBe(a.address);
          expect(chunk.sizes[i]).toBe(a.size);
          expect(chunk.kinds[i]).toBe(a.kind);
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe('TraceStream', () => {
  it('delivers the same accesses in chunks no longer than the chunk length', () => {
    fc.assert(
      fc.property(
        fc.array(access, { maxLength: 500 }),
        fc.integer({ min: 1, max: 64 }),
        (accesses, chunkLength) => {
          const seen = new TraceBuffer();
          const lengths: number[] = [];
          const consumer: ChunkConsumer = {
            consume(chunk: TraceChunk) {
              lengths.push(chunk.length);
              replay(chunk, seen);
            },
          };
          const stream = new TraceStream(consumer, chunkLength);
          for (const a of accesses) stream.access(a.address, a.size, a.kind);
          stream.flush();
          expect(stream.total).toBe(accesses.length);
          expect(lengths.every((n) => n >= 1 && n <= chunkLength)).toBe(true);
          expect(Array.from(seen.toChunk().addresses)).toEqual(accesses.map((a) => a.address));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('TraceCounter', () => {
  it('counts per kind and bytes', () => {
    const counter = new TraceCounter();
    counter.access(0, 4, AccessKind.Load);
    counter.access(8, 8, AccessKind.Store);
    counter.access(8, 8, AccessKind.Store);
    expect(Array.from(counter.countsByKind)).toEqual([1, 2, 0, 0]);
    expect(counter.total).toBe(3);
    expect(counter.bytes).toBe(20);
  });
});
