/**
 * Tree: a rooted tree whose links are indices in typed arrays (first-child / next-sibling),
 * not object pointers — no per-node objects, and a whole tree is four Int32Arrays.
 *
 * Layout, per node n: parentOf[n], firstChild[n], lastChild[n] (for O(1) append in order),
 * nextSibling[n]; −1 means none. Node 0 is the root. Values sit in a parallel plain array.
 *
 * Complexity: addChild amortised O(1); parent O(1); children(n) O(children);
 * depthFirst O(size) with an explicit stack.
 */

const NONE = -1;

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

  constructor(rootValue: T, initialCapacity = 16) {
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
    return node;
  }

  /** The parent of `node`, −1 for the root. */
  parent(node: number): number {
    this.checkNode(node);
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
    for (let child = this.firstChild[node]!; child !== NONE; child = this.nextSibling[child]!) yield child;
  }

  /** Number of edges from the root to `node`. O(depth). */
  depth(node: number): number {
    this.checkNode(node);
    let depth = 0;
    for (let n = this.parentOf[node]!; n !== NONE; n = this.parentOf[n]!) depth++;
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
    return order.subarray(0, visited);
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
