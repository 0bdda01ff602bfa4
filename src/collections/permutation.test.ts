import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPermutation,
  composePermutations,
  gather,
  identityPermutation,
  invertPermutation,
  isPermutation,
  permuteInPlace,
  remapIndices,
  scatter,
  sortPermutation,
} from './permutation.js';
import { bfsOrder, hilbertIndex2, hilbertOrder, mortonCode2, mortonOrder } from './permutation-locality.js';

/** A random permutation as a plain array (fast-check shuffles 0..n-1). */
const permutation = (maxLength = 60): fc.Arbitrary<number[]> =>
  fc.integer({ min: 0, max: maxLength }).chain((n) =>
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
  );

const twoPermutations = fc.integer({ min: 0, max: 60 }).chain((n) =>
  fc.tuple(
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
  ),
);

describe('permutations against their definitions', () => {
  it('gather, scatter, invert, permuteInPlace (≥ 10^4 element operations)', () => {
    let operations = 0;
    fc.assert(
      fc.property(permutation(), (p) => {
        operations += 6 * p.length;
        const data = Float64Array.from(p, (_, i) => i * 10 + 0.5);
        const gathered = gather(data, p);
        expect(Array.from(gathered)).toEqual(p.map((source) => data[source]));
        expect(Array.from(scatter(gathered, p))).toEqual(Array.from(data));
        const inverse = invertPermutation(p);
        expect(Array.from(invertPermutation(inverse))).toEqual(p);
        expect(Array.from(gather(data, inverse))).toEqual(Array.from(scatter(data, p)));
        expect(Array.from(permuteInPlace(data.slice(), p))).toEqual(Array.from(gathered));
        expect(isPermutation(p)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('compose: gathering by the composition equals gathering twice', () => {
    fc.assert(
      fc.property(twoPermutations, ([first, second]) => {
        const data = first.map((_, i) => i * 3);
        expect(gather(data, composePermutations(first, second))).toEqual(gather(gather(data, first), second));
      }),
      { numRuns: 300 },
    );
  });

  it('remapIndices keeps indices pointing at the same data after a reorder', () => {
    fc.assert(
      fc.property(permutation(), fc.array(fc.nat(), { maxLength: 30 }), (p, raw) => {
        if (p.length === 0) return;
        const data = p.map((_, i) => i * 7);
        const indices = raw.map((r) => r % p.length);
        const reordered = gather(data, p);
        const remapped = remapIndices(indices, p);
        expect(Array.from(remapped, (k) => reordered[k])).toEqual(indices.map((k) => data[k]));
      }),
      { numRuns: 300 },
    );
  });

  it('sortPermutation sorts stably', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 })), (keys) => {
        const p = sortPermutation(keys);
        const expected = keys.map((key, i) => ({ key, i })).sort((a, b) => a.key - b.key || a.i - b.i);
        expect(Array.from(p)).toEqual(expected.map((entry) => entry.i));
      }),
    );
  });

  it('rejects non-permutations and length mismatches', () => {
    expect(() => checkPermutation([0, 0])).toThrow('not a permutation: 0 appears twice');
    expect(() => checkPermutation([0, 2])).toThrow('entry 1 is 2, outside [0, 2)');
    expect(() => gather([1, 2, 3], [0, 1])).toThrow('permutation has length 2 but the data has length 3');
    expect(() => identityPermutation(-1)).toThrow('length must be a non-negative int32');
    const data = [1, 2];
    expect(() => gather(data, [1, 0], data)).toThrow('cannot write into its source');
    expect(() => remapIndices([2], [1, 0])).toThrow('index 2 out of range for length 2');
  });
});

describe('locality orders', () => {
  it('Morton codes interleave bits; Hilbert indices are a bijection with adjacent neighbours', () => {
    expect(mortonCode2(0b11, 0b00)).toBe(0b0101);
    expect(mortonCode2(0b00, 0b11)).toBe(0b1010);
    const bits = 3;
    const side = 2 ** bits;
    const cellAt = new Map<number, [number, number]>();
    for (let x = 0; x < side; x++)
      for (let y = 0; y < side; y++) cellAt.set(hilbertIndex2(x, y, bits), [x, y]);
    expect([...cellAt.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: side * side }, (_, d) => d),
    );
    for (let d = 1; d < side * side; d++) {
      const [x0, y0] = cellAt.get(d - 1)!;
      const [x1, y1] = cellAt.get(d)!;
      expect(Math.abs(x1 - x0) + Math.abs(y1 - y0)).toBe(1);
    }
  });

  it('curve orders are permutations that visit a grid in curve order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
          maxLength: 80,
        }),
        (points) => {
          const xs = points.map(([x]) => x);
          const ys = points.map(([, y]) => y);
          expect(isPermutation(hilbertOrder(xs, ys))).toBe(true);
          expect(isPermutation(mortonOrder(xs, ys))).toBe(true);
        },
      ),
    );
    // Points sorted by their Morton key: the order is exactly the sort of the codes.
    const xs = [3, 0, 2, 1, 3, 0];
    const ys = [3, 0, 1, 2, 0, 3];
    const scale = 65535 / 3;
    const codes = xs.map((x, i) => mortonCode2(Math.round(x * scale), Math.round(ys[i]! * scale)));
    expect(Array.from(mortonOrder(xs, ys), (i) => codes[i])).toEqual([...codes].sort((a, b) => a - b));
    expect(() => mortonOrder([1], [])).toThrow('xs has 1 points but ys has 0');
  });

  it('bfsOrder lists every node once, each after the node that discovered it', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 }),
              fc.nat(n - 1),
            ),
          ),
        ([n, edges, start]) => {
          const adjacency: number[][] = Array.from({ length: n }, () => []);
          for (const [a, b] of edges) adjacency[a]!.push(b);
          const offsets = [0];
          for (const list of adjacency) offsets.push(offsets.at(-1)! + list.length);
          const targets = adjacency.flat();
          const order = bfsOrder(offsets, targets, start);
          expect(isPermutation(order)).toBe(true);
          expect(order[0]).toBe(start);
          // Reference BFS (plain arrays, shift-based queue) from the same roots.
          const seen = new Set<number>();
          const expected: number[] = [];
          for (let k = 0; k < n; k++) {
            const root = (start + k) % n;
            if (seen.has(root)) continue;
            seen.add(root);
            const queue = [root];
            while (queue.length > 0) {
              const node = queue.shift()!;
              expected.push(node);
              for (const next of adjacency[node]!) {
                if (!seen.has(next)) {
                  seen.add(next);
                  queue.push(next);
                }
              }
            }
          }
          expect(Array.from(order)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
    expect(() => bfsOrder([0, 1], [5])).toThrow('edge 0 points at node 5, out of range for 1 nodes');
  });
});
