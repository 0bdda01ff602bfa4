/**
 * Graph: vertices are dense indices 0..n−1 and adjacency is CSR (compressed sparse row) in two
 * Int32Arrays — "indices instead of pointers". Vertex data lives in parallel arrays (or a
 * `SlotMap` keyed by vertex) indexed by the same numbers.
 *
 * Layout: the neighbours of v are `targets[offsets[v] .. offsets[v + 1])`, in edge-list order.
 * A traversal walks `offsets` and `targets` front to back, touching each once.
 *
 * Complexity: build O(n + m) (counting sort); neighbours(v) O(1) view; BFS/DFS O(n + m) time,
 * O(n) extra memory, no allocation per vertex.
 *
 * Tracing (`{ trace, baseAddress }`): the graph reports its reads of `offsets` (laid out at
 * `baseAddress`, 4 bytes each) and `targets` (right after, at `targetsAddress`) made by
 * `degree`, `neighbours`, `bfs` and `dfs`, in the order the untraced code makes them. A
 * traversal's own scratch arrays (queue, stack, visited marks, results) are not reported.
 * The sink is tested once per call, before the loop.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { resolveTrace, type TraceOptions } from './tracing.js';

/** Vertices reached by a traversal, in visit order, and each one's parent in the traversal tree. */
export interface Traversal {
  /** Reached vertices in the order they were first visited. */
  readonly order: Int32Array;
  /** parents[v]: the vertex v was reached from; −1 for the start and for unreached vertices. */
  readonly parents: Int32Array;
}

/** Options of `Graph.fromEdges`: direction and, optionally, a trace sink. */
export interface GraphOptions extends TraceOptions {
  /** Store each edge u→v also as v→u (default false: directed). */
  readonly undirected?: boolean;
}

const NO_PARENT = -1;

/**
 * A static graph in CSR form.
 *
 * @example
 * ```ts
 * const g = Graph.fromEdges(5, [0, 0, 1, 3], [1, 2, 3, 4]);
 * Array.from(g.neighbours(0)); // => [1, 2]
 * Array.from(g.bfs(0).order); // => [0, 1, 2, 3, 4]
 * Array.from(g.dfs(0).order); // => [0, 1, 3, 4, 2]
 * g.bfs(0).parents[4]; // => 3
 * ```
 */
export class Graph {
  readonly vertexCount: number;
  /** offsets[v]..offsets[v+1] delimit v's neighbours in `targets`; length n + 1. */
  readonly offsets: Int32Array;
  /** Concatenated neighbour lists. */
  readonly targets: Int32Array;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address `offsets[0]` is reported at. */
  readonly baseAddress: number;
  /** The address `targets[0]` is reported at: right after `offsets`. */
  readonly targetsAddress: number;

  /** @internal Use `Graph.fromEdges`. */
  constructor(vertexCount: number, offsets: Int32Array, targets: Int32Array, options?: TraceOptions) {
    const { sink, baseAddress } = resolveTrace(options);
    this.vertexCount = vertexCount;
    this.offsets = offsets;
    this.targets = targets;
    this.trace = sink;
    this.baseAddress = baseAddress;
    this.targetsAddress = baseAddress + offsets.byteLength;
  }

  /**
   * Builds the CSR arrays from an edge list (`sources[i]` → `targets[i]`). Neighbour order
   * follows edge order (a stable counting sort). O(n + m).
   */
  static fromEdges(
    vertexCount: number,
    sources: ArrayLike<number>,
    targets: ArrayLike<number>,
    options: GraphOptions = {},
  ): Graph {
    resolveTrace(options); // a bad baseAddress fails before the build
    if (!Number.isSafeInteger(vertexCount) || vertexCount < 0 || vertexCount >= 2 ** 31) {
      throw new RangeError(`vertexCount must be an integer in [0, 2^31), got ${String(vertexCount)}`);
    }
    if (sources.length !== targets.length) {
      throw new RangeError(`edge list mismatch: ${sources.length} sources but ${targets.length} targets`);
    }
    const edges = sources.length;
    for (let e = 0; e < edges; e++) {
      checkVertex(vertexCount, sources[e]!, `edge ${e} source`);
      checkVertex(vertexCount, targets[e]!, `edge ${e} target`);
    }
    const undirected = options.undirected === true;
    const offsets = new Int32Array(vertexCount + 1);
    for (let e = 0; e < edges; e++) {
      offsets[sources[e]! + 1]!++;
      if (undirected) offsets[targets[e]! + 1]!++;
    }
    for (let v = 0; v < vertexCount; v++) offsets[v + 1]! += offsets[v]!;
    const cursor = offsets.slice(0, vertexCount);
    const adjacency = new Int32Array(offsets[vertexCount]!);
    for (let e = 0; e < edges; e++) {
      const u = sources[e]!;
      const v = targets[e]!;
      adjacency[cursor[u]!++] = v;
      if (undirected) adjacency[cursor[v]!++] = u;
    }
    return new Graph(vertexCount, offsets, adjacency, options);
  }

  /** Number of stored (directed) edges; an undirected edge counts twice. */
  get edgeCount(): number {
    return this.targets.length;
  }

  /** Out-degree of `vertex`. */
  degree(vertex: number): number {
    checkVertex(this.vertexCount, vertex, 'vertex');
    if (this.trace !== null) this.traceOffsets(vertex + 1, vertex);
    return this.offsets[vertex + 1]! - this.offsets[vertex]!;
  }

  /** The neighbours of `vertex`, as a view into `targets` (no copy). */
  neighbours(vertex: number): Int32Array {
    checkVertex(this.vertexCount, vertex, 'vertex');
    if (this.trace !== null) this.traceOffsets(vertex, vertex + 1);
    return this.targets.subarray(this.offsets[vertex]!, this.offsets[vertex + 1]!);
  }

  /** Breadth-first search from `start`: visit order (by distance) and parents. O(n + m). */
  bfs(start: number): Traversal {
    checkVertex(this.vertexCount, start, 'start vertex');
    const { offsets, targets } = this;
    const parents = new Int32Array(this.vertexCount).fill(NO_PARENT);
    const visited = new Uint8Array(this.vertexCount);
    const queue = new Int32Array(this.vertexCount);
    let tail = 0;
    queue[tail++] = start;
    visited[start] = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      const end = offsets[u + 1]!;
      for (let e = offsets[u]!; e < end; e++) {
        const v = targets[e]!;
        if (visited[v] === 0) {
          visited[v] = 1;
          parents[v] = u;
          queue[tail++] = v;
        }
      }
    }
    const order = queue.subarray(0, tail);
    if (this.trace !== null) this.traceBfs(order);
    return { order, parents };
  }

  /**
   * Depth-first search from `start`, preorder, exploring neighbours in order — the same order
   * as the recursive definition, with an explicit stack (no recursion limit). O(n + m).
   */
  dfs(start: number): Traversal {
    checkVertex(this.vertexCount, start, 'start vertex');
    const { offsets, targets } = this;
    // Tested once per read: a predictable branch when tracing is off.
    const sink = this.trace;
    const parents = new Int32Array(this.vertexCount).fill(NO_PARENT);
    const visited = new Uint8Array(this.vertexCount);
    const order = new Int32Array(this.vertexCount);
    const stack = new Int32Array(this.vertexCount);
    if (sink !== null) {
      for (let v = 0; v < this.vertexCount; v++) sink.access(this.baseAddress + v * 4, 4, AccessKind.Load);
    }
    const cursor = offsets.slice(0, this.vertexCount);
    let visitedCount = 0;
    let depth = 0;
    stack[depth++] = start;
    visited[start] = 1;
    order[visitedCount++] = start;
    while (depth > 0) {
      const u = stack[depth - 1]!;
      if (sink !== null) sink.access(this.baseAddress + (u + 1) * 4, 4, AccessKind.Load);
      if (cursor[u]! < offsets[u + 1]!) {
        if (sink !== null) sink.access(this.targetsAddress + cursor[u]! * 4, 4, AccessKind.Load);
        const v = targets[cursor[u]!++]!;
        if (visited[v] === 0) {
          visited[v] = 1;
          parents[v] = u;
          order[visitedCount++] = v;
          stack[depth++] = v;
        }
      } else {
        depth--;
      }
    }
    return { order: order.subarray(0, visitedCount), parents };
  }

  /** Reports the graph reads `bfs` made to reach `order`: per dequeued vertex, its offsets then its targets. */
  private traceBfs(order: Int32Array): void {
    for (let k = 0; k < order.length; k++) {
      const u = order[k]!;
      this.traceOffsets(u + 1, u);
      const end = this.offsets[u + 1]!;
      for (let e = this.offsets[u]!; e < end; e++) {
        this.trace!.access(this.targetsAddress + e * 4, 4, AccessKind.Load);
      }
    }
  }

  /** Reports loads of `offsets[first]` then `offsets[second]`. */
  private traceOffsets(first: number, second: number): void {
    this.trace!.access(this.baseAddress + first * 4, 4, AccessKind.Load);
    this.trace!.access(this.baseAddress + second * 4, 4, AccessKind.Load);
  }
}

function checkVertex(vertexCount: number, vertex: number, what: string): void {
  if (!(vertex >= 0 && vertex < vertexCount && Number.isInteger(vertex))) {
    throw new RangeError(`${what} ${String(vertex)} out of range [0, ${vertexCount})`);
  }
}
