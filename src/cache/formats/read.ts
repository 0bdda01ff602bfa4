/**
 * Streaming trace readers: bytes come in pieces (a file read 1 MiB at a time, stdin), accesses
 * go out in fixed-size `TraceChunk`s, so a trace larger than memory replays in constant memory.
 */
import { createReadStream, statSync } from 'node:fs';
import { TraceBuffer, type TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import { createParser, formatFromContent, formatFromFileName } from './registry.js';
import type { TraceFormat, TraceParser } from './types.js';

/**
 * Accesses per chunk handed out by the readers (1.5 MiB of columns). 4 Ki- and 64 Ki-access
 * chunks parse equally fast (bench/trace-parse.bench.ts); the larger one keeps each consumer
 * call (a simulator batch) long.
 */
export const DEFAULT_CHUNK_LENGTH = 1 << 16;
/** Bytes per file read: 64 KiB pieces parse about 1.5× slower (bench/trace-parse.bench.ts). */
const READ_BYTES = 1 << 20;
/** How much of a new piece is joined to the unfinished record of the previous one. */
const JOIN_BYTES = 4096;
/** A text line longer than this is not a trace line. */
const MAX_PENDING_BYTES = 1 << 20;

/**
 * The synchronous core of the streaming readers: push byte pieces in, take chunks of at
 * most `chunkLength` accesses out. Records cut between pieces are joined (the unparsed tail
 * of a piece is kept and prefixed to the next). The yielded chunk is reused: consume it
 * before asking for the next one.
 *
 * @example
 * ```ts
 * const stream = new TraceStreamParser(createParser('lackey', 'trace.lackey'));
 * for (const piece of pieces) for (const chunk of stream.push(piece)) hierarchy.consume(chunk);
 * for (const chunk of stream.end()) hierarchy.consume(chunk);
 * ```
 */
export class TraceStreamParser {
  private readonly parser: TraceParser;
  private readonly out: TraceBuffer;
  private readonly chunkLength: number;
  private pending: Uint8Array | undefined;

  constructor(parser: TraceParser, chunkLength: number = DEFAULT_CHUNK_LENGTH) {
    this.parser = parser;
    this.chunkLength = Math.max(1, Math.floor(chunkLength));
    this.out = new TraceBuffer(this.chunkLength);
    this.pending = undefined;
  }

  /**
   * Parses `piece` (after what was left of the previous one); yields every full chunk.
   *
   * @throws UsageError on a malformed record.
   */
  *push(piece: Uint8Array): Generator<TraceChunk, void, undefined> {
    let bytes = piece;
    let pos = 0;
    const pending = this.pending;
    if (pending !== undefined) {
      // Finish the record cut at the end of the previous piece by joining its start with only
      // the head of this piece (copying whole pieces makes large garbage that stalls the GC).
      const joined = concat(pending, piece.subarray(0, JOIN_BYTES));
      const joinedEnd = yield* this.parseAll(joined, 0, false);
      if (joinedEnd > pending.length) {
        pos = joinedEnd - pending.length;
      } else if (joined.length === pending.length + piece.length) {
        this.pending = joined.slice(joinedEnd); // the whole piece was too short to end the record
        this.checkPending();
        return;
      } else {
        bytes = concat(pending, piece); // a record longer than JOIN_BYTES: join everything
        pos = joinedEnd;
      }
    }
    const end = yield* this.parseAll(bytes, pos, false);
    this.pending = end < bytes.length ? bytes.slice(end) : undefined;
    this.checkPending();
  }

  /** Parses `bytes[start…]`, yielding full chunks; returns where parsing stopped. */
  private *parseAll(
    bytes: Uint8Array,
    start: number,
    final: boolean,
  ): Generator<TraceChunk, number, undefined> {
    const out = this.out;
    let pos = start;
    for (;;) {
      pos = this.parser.parse(bytes, pos, bytes.length, final, out);
      if (out.length < this.chunkLength) return pos;
      yield out;
      out.clear();
    }
  }

  private checkPending(): void {
    if (this.pending !== undefined && this.pending.length > MAX_PENDING_BYTES) {
      throw new UsageError(
        `a record longer than ${MAX_PENDING_BYTES} bytes: this is not a trace in that format`,
      );
    }
  }

  /** Parses what is left (a last line without its line end) and yields the remaining accesses. */
  *end(): Generator<TraceChunk, void, undefined> {
    const rest = this.pending ?? new Uint8Array(0);
    this.pending = undefined;
    yield* this.parseAll(rest, 0, true);
    const out = this.out;
    if (out.length > 0) yield out;
    out.clear();
  }
}

/**
 * Parses a stream of byte pieces into chunks of at most `chunkLength` accesses (see
 * `TraceStreamParser`). The yielded chunk is reused: consume it before asking for the next.
 *
 * @throws UsageError on the first malformed record (naming source, line and text).
 */
export async function* parseTraceStream(
  pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  parser: TraceParser,
  chunkLength: number = DEFAULT_CHUNK_LENGTH,
): AsyncGenerator<TraceChunk, void, undefined> {
  const stream = new TraceStreamParser(parser, chunkLength);
  for await (const piece of pieces) yield* stream.push(piece);
  yield* stream.end();
}

/**
 * Parses a whole trace held in memory into one compact chunk (tests, small traces).
 *
 * @example
 * ```ts
 * const chunk = parseTraceBytes(new TextEncoder().encode('I  0400d7d4,8\n'), 'lackey');
 * chunk.length; // 1
 * ```
 */
export function parseTraceBytes(bytes: Uint8Array, format: TraceFormat, sourceName = 'trace'): TraceChunk {
  const parser = createParser(format, sourceName);
  const result = new TraceBuffer(1024);
  const out = new TraceBuffer(DEFAULT_CHUNK_LENGTH);
  let pos = 0;
  for (;;) {
    pos = parser.parse(bytes, pos, bytes.length, true, out);
    appendChunk(result, out);
    if (out.length < DEFAULT_CHUNK_LENGTH) break;
    out.clear();
  }
  return result.toChunk();
}

/** Appends every access of `chunk` to `buffer`. */
export function appendChunk(buffer: TraceBuffer, chunk: TraceChunk): void {
  for (let i = 0; i < chunk.length; i++) {
    buffer.access(chunk.addresses[i]!, chunk.sizes[i]!, chunk.kinds[i] as 0 | 1 | 2 | 3);
  }
}

/** Options of `readTrace`. */
export interface ReadTraceOptions {
  /** The format; by default from the file extension, else from the first bytes. */
  format?: TraceFormat;
  chunkLength?: number;
  /** Where `-` reads from (default `process.stdin`). */
  stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Streams the trace in file `path` (or stdin for `-`) as chunks.
 *
 * @throws UsageError when the file cannot be read, the format cannot be told, or a record is malformed.
 */
export async function* readTrace(
  path: string,
  options: ReadTraceOptions = {},
): AsyncGenerator<TraceChunk, void, undefined> {
  const sourceName = path === '-' ? '<stdin>' : path;
  let pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  if (path === '-') {
    pieces = options.stdin ?? (process.stdin as AsyncIterable<Uint8Array>);
  } else {
    checkReadable(path);
    pieces = createReadStream(path, { highWaterMark: READ_BYTES });
  }
  const iterator = toAsyncIterator(pieces);
  const first = await nextPiece(iterator, sourceName);
  const format =
    options.format ??
    (path === '-' ? undefined : formatFromFileName(path)) ??
    formatFromContent(first ?? new Uint8Array(0));
  if (format === undefined) {
    throw new UsageError(`cannot tell the format of ${sourceName}: pass --format lackey|din|xdin|bin`);
  }
  yield* parseTraceStream(
    rest(first, iterator, sourceName),
    createParser(format, sourceName),
    options.chunkLength,
  );
}

/** Throws a one-line UsageError unless `path` is a readable regular file. */
export function checkReadable(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new UsageError(`cannot read trace '${path}': ${describeFsError(error)}`);
  }
  if (!isFile) throw new UsageError(`cannot read trace '${path}': not a regular file`);
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

async function nextPiece(
  iterator: AsyncIterator<Uint8Array>,
  sourceName: string,
): Promise<Uint8Array | undefined> {
  try {
    const result = await iterator.next();
    return result.done === true ? undefined : result.value;
  } catch (error) {
    throw new UsageError(`cannot read trace '${sourceName}': ${describeFsError(error)}`);
  }
}

async function* rest(
  first: Uint8Array | undefined,
  iterator: AsyncIterator<Uint8Array>,
  sourceName: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (first === undefined) return;
  yield first;
  for (;;) {
    const piece = await nextPiece(iterator, sourceName);
    if (piece === undefined) return;
    yield piece;
  }
}

function toAsyncIterator(
  pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in pieces) return pieces[Symbol.asyncIterator]();
  const sync = pieces[Symbol.iterator]();
  return { next: async () => sync.next() };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
