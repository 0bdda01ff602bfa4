/**
 * Exact reuse distances (LRU stack distances) with a Fenwick tree over access times: the
 * tree marks, for every line, the time of its latest access, so the distance of an access
 * is the number of marks after the line's previous access. O(log n) per access, O(n) memory
 * for n accesses.
 */
import type { ReuseHistogram } from './types.js';

const INITIAL_CAPACITY = 1 << 12;

/** Builds a `ReuseHistogram` one line access at a time. */
export class ReuseDistanceTracker {
  private readonly lineBytes: number;
  /** Latest access time (1-based) of every line seen. */
  private readonly lastAccess: Map<number, number>;
  /** Fenwick tree over times 1 … capacity: 1 where a time is some line's latest access. */
  private tree: Int32Array;
  /** The same marks as plain flags, to rebuild the tree when it grows. */
  private marks: Uint8Array;
  private time: number;
  private coldAccesses: number;
  private readonly counts: Float64Array;

  constructor(lineBytes: number) {
    this.lineBytes = lineBytes;
    this.lastAccess = new Map();
    this.tree = new Int32Array(INITIAL_CAPACITY + 1);
    this.marks = new Uint8Array(INITIAL_CAPACITY + 1);
    this.time = 0;
    this.coldAccesses = 0;
    // Distances are below 2^53: 54 buckets cover them all.
    this.counts = new Float64Array(54);
  }

  /** Records an access to `line` and returns its reuse distance (Infinity for a first access). */
  record(line: number): number {
    const time = this.time + 1;
    this.time = time;
    if (time >= this.marks.length) this.grow();
    const previous = this.lastAccess.get(line);
    let distance = Number.POSITIVE_INFINITY;
    if (previous === undefined) {
      this.coldAccesses++;
    } else {
      distance = this.prefix(time - 1) - this.prefix(previous);
      this.add(previous, -1);
      this.marks[previous] = 0;
      const bucket = distance === 0 ? 0 : 1 + Math.floor(Math.log2(distance));
      this.counts[bucket] = this.counts[bucket]! + 1;
    }
    this.add(time, 1);
    this.marks[time] = 1;
    this.lastAccess.set(line, time);
    return distance;
  }

  histogram(): ReuseHistogram {
    let last = this.counts.length - 1;
    while (last >= 0 && this.counts[last] === 0) last--;
    return {
      lineBytes: this.lineBytes,
      coldAccesses: this.coldAccesses,
      counts: Array.from(this.counts.subarray(0, last + 1)),
    };
  }

  reset(): void {
    this.lastAccess.clear();
    this.tree = new Int32Array(INITIAL_CAPACITY + 1);
    this.marks = new Uint8Array(INITIAL_CAPACITY + 1);
    this.time = 0;
    this.coldAccesses = 0;
    this.counts.fill(0);
  }

  private prefix(index: number): number {
    const tree = this.tree;
    let sum = 0;
    for (let i = index; i > 0; i -= i & -i) sum += tree[i]!;
    return sum;
  }

  private add(index: number, delta: number): void {
    const tree = this.tree;
    const size = tree.length;
    for (let i = index; i < size; i += i & -i) tree[i] = tree[i]! + delta;
  }

  private grow(): void {
    const capacity = (this.marks.length - 1) * 2;
    const marks = new Uint8Array(capacity + 1);
    marks.set(this.marks);
    // Linear-time Fenwick construction from the flags.
    const tree = new Int32Array(capacity + 1);
    for (let i = 1; i <= capacity; i++) {
      tree[i] = tree[i]! + marks[i]!;
      const parent = i + (i & -i);
      if (parent <= capacity) tree[parent] = tree[parent]! + tree[i]!;
    }
    this.marks = marks;
    this.tree = tree;
  }
}
