/**
 * A growable byte buffer for encoders: `reserve(n)` once per chunk, write at `position`,
 * then `take()` the bytes. Amortised O(1) per byte.
 */
export class ByteBuffer {
  /** The storage; valid bytes are `[0, position)`. Replaced when it grows. */
  bytes: Uint8Array;
  /** The next free position. */
  position: number;

  constructor(initialBytes = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(16, Math.floor(initialBytes)));
    this.position = 0;
  }

  /** Makes room for at least `count` more bytes; returns the (possibly new) storage. */
  reserve(count: number): Uint8Array {
    const needed = this.position + count;
    if (needed > this.bytes.length) {
      let capacity = this.bytes.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.bytes.subarray(0, this.position));
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** The valid bytes (a view, valid until the next write), then forgets them. */
  take(): Uint8Array {
    const view = this.bytes.subarray(0, this.position);
    this.position = 0;
    return view;
  }
}
