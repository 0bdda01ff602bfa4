/**
 * Shared types of the trace file formats: a parser turns bytes into `TraceChunk` columns, an
 * encoder turns chunks into bytes. Both are push-style and resumable, so that files larger
 * than memory stream through in fixed-size pieces.
 */
import type { TraceBuffer, TraceChunk } from '../../trace/index.js';
import type { ByteBuffer } from './byte-buffer.js';

/** The trace file formats softmem reads and writes. */
export type TraceFormat = 'lackey' | 'din' | 'xdin' | 'bin';

/** Every format, in the order the CLI lists them. */
export const TRACE_FORMATS: readonly TraceFormat[] = ['lackey', 'din', 'xdin', 'bin'];

/**
 * Parses one format, resumably. The caller owns the bytes and the output buffer; the parser
 * keeps only what it needs between calls (the line number, the previous address).
 */
export interface TraceParser {
  /**
   * Parses complete records from `bytes[start, end)` into `out` (its `length` grows, never
   * past `out.addresses.length`). Stops when `out` is full or when no complete record is
   * left; with `final` set, a last record without its line end counts as complete.
   * Returns the position of the first byte not consumed.
   *
   * @throws UsageError naming the source, the line (or byte offset) and the text.
   */
  parse(bytes: Uint8Array, start: number, end: number, final: boolean, out: TraceBuffer): number;
}

/** Encodes chunks of accesses into one format, resumably (the binary format is delta-coded). */
export interface TraceEncoder {
  /** Bytes that start the file (the binary header); empty for the text formats. */
  header(): Uint8Array;
  /**
   * Appends the encoding of `chunk[0, chunk.length)` to `out`.
   *
   * @throws RangeError on an access the format cannot hold (size 0, address past 2^53).
   */
  encode(chunk: TraceChunk, out: ByteBuffer): void;
}
