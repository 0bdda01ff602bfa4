/**
 * Tree: a rooted tree whose links are indices in typed arrays (first-child / next-sibling),
 * not object pointers — no per-node objects, and a whole tree is four Int32Arrays.
 *
 * Layout, per node n: parentOf[n], firstChild[n], lastChild[n] (for O(1) append in order),
 * nextSibling[n]; −1 means none. Node 0 is the root. Values sit in a parallel plain array.
 *
 * Complexity: addChild amortised O(1); parent O(1); children(n) O(children);
 * depthFirst O(size) with an explicit stack.
 *
 * Tracing (`{ trace, baseAddress }`): each read or write of a link reports its address in the
 * four arrays laid out back to back at `baseAddress` (parentOf, firstChild, lastChild,
 * nextSibling, 4 bytes per node, each `capacity` long: after a growth the addresses follow the
 * new capacity, as if reallocated in place). Values sit in a plain JS array and are not
 * reported; neither is the copy made by growth (as in `Vec`).
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { resolveTrace, type TraceOptions } from './tracing.js';

const NONE = -1;

/** Positions of the link arrays in the traced layout (parentOf first). */
const PARENT = 0;
const FIRST_CHILD = 1;
const LAST_CHILD = 2;
const NEXT_SIBLING = 3;

/**
 * A rooted tree with nodes numbered in creation order (the root is 0).
 *
 * @example
 * ```ts
 * const tree = new Tree('root');
 * const a = tree.addChild(0, 'a');
 * const b = tree.addChild(0, 'b');
 * tree.addChild(a, 'a1');
 * [...tree.children(0)]; // => [1, 2]
 * tree.parent(b); // => 0
 * Array.from(tree.depthFirst(), (n) => tree.value(n)); // => ['root', 'a', 'a1', 'b']
 * ```
 */
export class Tree<T> {
  private parentOf: Int32Array;
  private firstChild: Int32Array;
  private lastChild: Int32Array;
  private nextSibling: Int32Array;
  private readonly nodeValues: T[];
  private count: number;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address `parentOf[0]` is reported at. */
  readonly baseAddress: number;

  constructor(rootValue: T, initialCapacity = 16, options?: TraceOptions) {
    if (!Number.isSafeInteger(initialCapacity) || initialCapacity < 1 || initialCapacity > 2 ** 30) {
      throw new RangeError(
        `Tree initialCapacity must be an integer in [1, 2^30], got ${String(initialCapacity)}`,
      );
    }
    this.parentOf = new Int32Array(initialCapacity).fill(NONE);
    this.firstChild = new Int32Array(initialCapacity).fill(NONE);
    this.lastChild = new Int32Array(initialCapacity).fill(NONE);
    this.nextSibling = new Int32Array(initialCapacity).fill(NONE);
    this.nodeValues = [rootValue];
    this.count = 1;
    const { sink, baseAddress } = resolveTrace(options);
    this.trace = sink;
    this.baseAddress = baseAddress;
  }

  /** Number of nodes (the root included). */
  get size(): number {
    return this.count;
  }

  /** Appends a new last child under `parent` and returns its node index. */
  addChild(parent: number, value: T): number {
    this.checkNode(parent);
    if (this.count === this.parentOf.length) this.grow();
    const node = this.count++;
    this.nodeValues.push(value);
    this.parentOf[node] = parent;
    const last = this.lastChild[parent]!;
    if (last === NONE) this.firstChild[parent] = node;
    else this.nextSibling[last] = node;
    this.lastChild[parent] = node;
    if (this.trace !== null) {
      this.emit(PARENT, node, AccessKind.Store);
      this.emit(LAST_CHILD, parent, AccessKind.Load);
      if (last === NONE) this.emit(FIRST_CHILD, parent, AccessKind.Store);
      else this.emit(NEXT_SIBLING, last, AccessKind.Store);
      this.emit(LAST_CHILD, parent, AccessKind.Store);
    }
    return node;
  }

  /** The parent of `node`, −1 for the root. */
  parent(node: number): number {
    this.checkNode(node);
    if (this.trace !== null) this.emit(PARENT, node, AccessKind.Load);
    return this.parentOf[node]!;
  }

  /** The value stored at `node`. */
  value(node: number): T {
    this.checkNode(node);
    return this.nodeValues[node]!;
  }

  /** Replaces the value stored at `node`. */
  setValue(node: number, value: T): void {
    this.checkNode(node);
    this.nodeValues[node] = value;
  }

  /** Children of `node`, first to last. */
  *children(node: number): Generator<number> {
    this.checkNode(node);
    if (this.trace !== null) this.emit(FIRST_CHILD, node, AccessKind.Load);
    for (let child = this.firstChild[node]!; child !== NONE; child = this.nextSibling[child]!) {
      if (this.trace !== null) this.emit(NEXT_SIBLING, child, AccessKind.Load);
      yield child;
    }
  }

  /** Number of edges from the root to `node`. O(depth). */
  depth(node: number): number {
    this.checkNode(node);
    let depth = 0;
    for (let n = this.parentOf[node]!; n !== NONE; n = this.parentOf[n]!) depth++;
    if (this.trace !== null) {
      // The same reads again, reported: parentOf of the node and of each ancestor but the root.
      for (let n = node; n !== NONE; n = this.parentOf[n]!) this.emit(PARENT, n, AccessKind.Load);
    }
    return depth;
  }

  /** Nodes of the subtree at `from` (default the root) in depth-first preorder. O(subtree). */
  depthFirst(from = 0): Int32Array {
    this.checkNode(from);
    const order = new Int32Array(this.count);
    const stack = new Int32Array(this.count);
    let visited = 0;
    let top = 0;
    stack[top++] = from;
    while (top > 0) {
      const node = stack[--top]!;
      order[visited++] = node;
      // Push the children last-to-first so the first child is visited first: walk the sibling
      // list once into the stack, then reverse that run in place.
      const runStart = top;
      for (let child = this.firstChild[node]!; child !== NONE; child = this.nextSibling[child]!)
        stack[top++] = child;
      stack.subarray(runStart, top).reverse();
    }
    const result = order.subarray(0, visited);
    if (this.trace !== null) this.traceChildWalks(result);
    return result;
  }

  /** Reports the link reads `depthFirst` made: per visited node, firstChild then each child's nextSibling. */
  private traceChildWalks(nodes: Int32Array): void {
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      this.emit(FIRST_CHILD, node, AccessKind.Load);
      for (let child = this.firstChild[node]!; child !== NONE; child = this.nextSibling[child]!) {
        this.emit(NEXT_SIBLING, child, AccessKind.Load);
      }
    }
  }

  private emit(link: number, node: number, kind: AccessKind): void {
    this.trace!.access(this.baseAddress + (link * this.parentOf.length + node) * 4, 4, kind);
  }

  private checkNode(node: number): void {
    if (!(node >= 0 && node < this.count && Number.isInteger(node))) {
      throw new RangeError(`tree node ${String(node)} out of range [0, ${this.count})`);
    }
  }

  private grow(): void {
    const capacity = this.parentOf.length * 2;
    this.parentOf = grownFilled(this.parentOf, capacity);
    this.firstChild = grownFilled(this.firstChild, capacity);
    this.lastChild = grownFilled(this.lastChild, capacity);
    this.nextSibling = grownFilled(this.nextSibling, capacity);
  }
}

function grownFilled(array: Int32Array, length: number): Int32Array {
  const copy = new Int32Array(length).fill(NONE);
  copy.set(array);
  return copy;
}
