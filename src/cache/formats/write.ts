/**
 * Trace writers. Files are written to a temporary name next to the target and renamed on
 * success, so that a failed conversion never leaves a half-written trace behind.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ChunkConsumer, TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import { ByteBuffer } from './byte-buffer.js';
import { readTrace } from './read.js';
import { createEncoder, formatFromFileName } from './registry.js';
import type { TraceEncoder, TraceFormat } from './types.js';

/** Encoded bytes are flushed to the file once this many are buffered. */
const FLUSH_BYTES = 1 << 20;

/**
 * Encodes a whole chunk in memory.
 *
 * @example
 * ```ts
 * const text = new TextDecoder().decode(encodeTrace(chunk, 'lackey')); // "I  0400d7d4,8\n…"
 * ```
 */
export function encodeTrace(chunk: TraceChunk, format: TraceFormat): Uint8Array {
  const encoder = createEncoder(format);
  const header = encoder.header();
  const out = new ByteBuffer(header.length + chunk.length * 16);
  out.reserve(header.length).set(header);
  out.position = header.length;
  encoder.encode(chunk, out);
  return out.take().slice();
}

/**
 * A file being written: feed it chunks (`consume`), then `commit()` to rename it into place,
 * or `abort()` to delete the temporary file.
 */
export class TraceFileWriter implements ChunkConsumer {
  readonly path: string;
  /** Accesses written so far. */
  accesses: number;
  private readonly temporaryPath: string;
  private readonly encoder: TraceEncoder;
  private readonly buffer: ByteBuffer;
  private fd: number;

  constructor(filePath: string, format: TraceFormat) {
    this.path = filePath;
    this.accesses = 0;
    this.temporaryPath = path.join(
      path.dirname(filePath),
      `.${path.basename(filePath)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
    );
    this.encoder = createEncoder(format);
    this.buffer = new ByteBuffer(FLUSH_BYTES * 2);
    try {
      this.fd = openSync(this.temporaryPath, 'wx');
    } catch (error) {
      throw new UsageError(`cannot write '${filePath}': ${(error as Error).message}`);
    }
    const header = this.encoder.header();
    this.buffer.reserve(header.length).set(header);
    this.buffer.position = header.length;
  }

  consume(chunk: TraceChunk): void {
    this.encoder.encode(chunk, this.buffer);
    this.accesses += chunk.length;
    if (this.buffer.position >= FLUSH_BYTES) this.flush();
  }

  /** Writes what is buffered and renames the file into place. */
  commit(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.temporaryPath, this.path);
  }

  /** Closes and deletes the temporary file (safe to call after a failure). */
  abort(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
      try {
        unlinkSync(this.temporaryPath);
      } catch {
        // already gone
      }
    }
  }

  private flush(): void {
    const bytes = this.buffer.take();
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }
}

/**
 * Writes chunks to `filePath` in `format`, atomically. Returns the number of accesses written.
 *
 * @throws UsageError when the file cannot be written; any error from `chunks` leaves no file.
 */
export async function writeTrace(
  filePath: string,
  format: TraceFormat,
  chunks: AsyncIterable<TraceChunk> | Iterable<TraceChunk>,
): Promise<number> {
  const writer = new TraceFileWriter(filePath, format);
  try {
    for await (const chunk of chunks) writer.consume(chunk);
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer.accesses;
}

/** Options of `convertTrace`. */
export interface ConvertTraceOptions {
  /** Input format (default: from the extension, else the content). */
  from?: TraceFormat;
  /** Output format (default: from the output extension). */
  to?: TraceFormat;
  stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Converts a trace file between formats, streaming; the output appears only when complete.
 * Returns the number of accesses written.
 */
export async function convertTrace(
  inPath: string,
  outPath: string,
  options: ConvertTraceOptions = {},
): Promise<number> {
  const to = options.to ?? formatFromFileName(outPath);
  if (to === undefined) {
    throw new UsageError(`cannot tell the format to write from '${outPath}': pass --to lackey|din|xdin|bin`);
  }
  const readOptions = {
    ...(options.from === undefined ? {} : { format: options.from }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  };
  return writeTrace(outPath, to, readTrace(inPath, readOptions));
}
