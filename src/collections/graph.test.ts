import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
