import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
import { Graph } from './index.js';

const graphArbitrary = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    start: fc.nat(n - 1),
    undirected: fc.boolean(),
  }),
);

/** Adjacency lists of plain arrays, neighbours in edge order: the obviously-correct model. */
function adjacency(n: number, edges: readonly [number, number][], undirected: boolean): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [u, v] of edges) {
    lists[u]!.push(v);
    if (undirected) lists[v]!.push(u);
  }
  return lists;
}

function referenceBfs(lists: number[][], start: number): { order: number[]; parents: number[] } {
  const parents = lists.map(() => -1);
  const seen = new Set([start]);
  const order = [start];
  for (let i = 0; i < order.length; i++) {
    for (const v of lists[order[i]!]!) {
      if (!seen.has(v)) {
        seen.add(v);
        parents[v] = order[i]!;
        order.push(v);
      }
    }
  }
  return { order, parents };
}

function referenceDfs(lists: number[][], start: number): { order: number[]; parents: number[] } {
  const parents = lists.map(() => -1);
  const seen = new Set<number>();
  const order: number[] = [];
  const visit = (u: number) => {
    seen.add(u);
    order.push(u);
    for (const v of lists[u]!) {
      if (!seen.has(v)) {
        parents[v] = u;
        visit(v);
      }
    }
  };
  visit(start);
  return { order, parents };
}

describe('Graph (CSR)', () => {
  it('stores the edge list as CSR and traverses like the recursive/queue references', () => {
    // Operations: one per edge added, per neighbour list and degree read, per vertex visited.
    let operations = 0;
    fc.assert(
      fc.property(graphArbitrary, ({ n, edges, start, undirected }) => {
        const graph = Graph.fromEdges(
          n,
          edges.map((e) => e[0]),
          edges.map((e) => e[1]),
          { undirected },
        );
        const lists = adjacency(n, edges, undirected);
        for (let v = 0; v < n; v++) {
          expect(Array.from(graph.neighbours(v))).toEqual(lists[v]);
          expect(graph.degree(v)).toBe(lists[v]!.length);
        }
        expect(graph.edgeCount).toBe(undirected ? 2 * edges.length : edges.length);
        const bfs = graph.bfs(start);
        expect({ order: Array.from(bfs.order), parents: Array.from(bfs.parents) }).toEqual(
          referenceBfs(lists, start),
        );
        const dfs = graph.dfs(start);
        expect({ order: Array.from(dfs.order), parents: Array.from(dfs.parents) }).toEqual(
          referenceDfs(lists, start),
        );
        operations += edges.length + 2 * n + bfs.order.length + dfs.order.length;
      }),
      { numRuns: 300 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('traced: same results, and every edge of a reached vertex read once per traversal', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ n, edges, start, undirected }) => {
        const sources = edges.map((e) => e[0]);
        const targets = edges.map((e) => e[1]);
        const plain = Graph.fromEdges(n, sources, targets, { undirected });
        const trace = new TraceBuffer();
        const base = 4096;
        const traced = Graph.fromEdges(n, sources, targets, { undirected, trace, baseAddress: base });
        const offsetsEnd = base + 4 * (n + 1);
        const targetsEnd = offsetsEnd + 4 * plain.edgeCount;
        for (const walk of ['bfs', 'dfs'] as const) {
          trace.clear();
          const expected = plain[walk](start);
          const actual = traced[walk](start);
          expect(Array.from(actual.order)).toEqual(Array.from(expected.order));
          expect(Array.from(actual.parents)).toEqual(Array.from(expected.parents));
          // The model: the edge slots of the reached vertices, each read exactly once.
          const wantedEdgeReads: number[] = [];
          for (const u of expected.order) {
            for (let e = plain.offsets[u]!; e < plain.offsets[u + 1]!; e++)
              wantedEdgeReads.push(offsetsEnd + 4 * e);
          }
          const edgeReads: number[] = [];
          let offsetReads = 0;
          for (let k = 0; k < trace.length; k++) {
            const address = trace.addresses[k]!;
            expect([trace.sizes[k], trace.kinds[k]]).toEqual([4, AccessKind.Load]);
            expect(address >= base && address < targetsEnd && address % 4 === 0).toBe(true);
            if (address < offsetsEnd) offsetReads++;
            else edgeReads.push(address);
          }
          expect(edgeReads.sort((a, b) => a - b)).toEqual(wantedEdgeReads.sort((a, b) => a - b));
          // BFS reads two offsets per dequeued vertex; DFS copies n offsets, then reads one per step.
          expect(offsetReads).toBe(
            walk === 'bfs' ? 2 * expected.order.length : n + wantedEdgeReads.length + expected.order.length,
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('traced: offsets at baseAddress, targets right after them, in the order BFS reads them', () => {
    const trace = new TraceBuffer();
    // offsets [0, 2, 3, 3] at 1000..1012, targets [1, 2, 2] at 1016..1024.
    const graph = Graph.fromEdges(3, [0, 0, 1], [1, 2, 2], { trace, baseAddress: 1000 });
    expect(graph.targetsAddress).toBe(1016);
    graph.bfs(0);
    expect(Array.from(trace.addresses.subarray(0, trace.length))).toEqual([
      1004, 1000, 1016, 1020, 1008, 1004, 1024, 1012, 1008,
    ]);
    trace.clear();
    expect(graph.degree(1)).toBe(1);
    expect(Array.from(trace.addresses.subarray(0, trace.length))).toEqual([1008, 1004]);
    expect(() => Graph.fromEdges(1, [], [], { baseAddress: -4 })).toThrow(
      'baseAddress must be a non-negative',
    );
  });

  it('handles a long path without recursion limits', () => {
    const n = 200_000;
    const sources = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const targets = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
    const dfs = Graph.fromEdges(n, sources, targets).dfs(0);
    expect(dfs.order.length).toBe(n);
    expect(dfs.parents[n - 1]).toBe(n - 2);
  });

  it('names bad arguments', () => {
    expect(() => Graph.fromEdges(3, [0, 1], [1])).toThrow('edge list mismatch: 2 sources but 1 targets');
    expect(() => Graph.fromEdges(3, [0, 3], [1, 2])).toThrow('edge 1 source 3 out of range [0, 3)');
    expect(() => Graph.fromEdges(-1, [], [])).toThrow('vertexCount must be an integer');
    expect(() => Graph.fromEdges(2, [], []).bfs(2)).toThrow('start vertex 2 out of range [0, 2)');
  });
});
