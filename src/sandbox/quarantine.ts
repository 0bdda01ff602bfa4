/**
 * ASan's quarantine: freed chunks wait here, first in first out, until the bytes they hold
 * exceed a budget; only then may the allocator reuse them, so a dangling pointer keeps
 * pointing at poisoned memory for as long as possible. A growable ring of chunk addresses.
 */
export class Quarantine {
  // `declare` fields, assigned only in the constructor: V8 keeps them typed (see pointer.ts).
  /** Budget in chunk bytes (0: every chunk leaves at once). */
  declare readonly limitBytes: number;
  declare private ring: Uint32Array;
  declare private head: number;
  /** Chunks waiting. */
  declare count: number;
  /** Chunk bytes waiting. */
  declare bytes: number;

  constructor(limitBytes: number) {
    this.limitBytes = limitBytes;
    this.ring = new Uint32Array(64);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
  }

  /** Adds a chunk of `chunkBytes`. Amortised O(1). */
  push(chunk: number, chunkBytes: number): void {
    if (this.count === this.ring.length) {
      const grown = new Uint32Array(this.ring.length * 2);
      for (let i = 0; i < this.count; i++) grown[i] = this.ring[(this.head + i) % this.ring.length]!;
      this.ring = grown;
      this.head = 0;
    }
    this.ring[(this.head + this.count) % this.ring.length] = chunk;
    this.count++;
    this.bytes += chunkBytes;
  }

  /** True while over budget: the caller pops and recycles. */
  get overBudget(): boolean {
    return this.bytes > this.limitBytes && this.count > 0;
  }

  /** Removes the oldest chunk; the caller says how many bytes it held. */
  pop(chunkBytes: number): number {
    const chunk = this.ring[this.head]!;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    this.bytes -= chunkBytes;
    return chunk;
  }

  /** The oldest chunk without removing it. */
  peek(): number {
    return this.ring[this.head]!;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
  }
}
