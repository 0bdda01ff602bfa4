/**
 * softmem's compact binary trace format (`.smt`), version 1. Little-endian, byte-oriented:
 *
 * ```text
 * header, 16 bytes
 *   0..7   magic   89 53 4D 54 0D 0A 1A 0A   ("\x89SMT\r\n\x1a\n": a high byte, CR LF and ^Z
 *                                              catch files mangled as text, as in PNG)
 *   8..9   version u16 = 1
 *   10..15 reserved, zero
 * then one record per access, 2–14 bytes:
 *   tag    1 byte   bits 0–1  kind (0 load, 1 store, 2 modify, 3 fetch)
 *                   bit  2    sign of the address delta (1 = the address went down)
 *                   bits 3–7  size 1…31, or 0: the size follows as a varint
 *   delta  varint   |address − previous address of the same stream| (two streams: instruction
 *                   fetches, and data accesses; each previous address starts at 0)
 *   size   varint   only when the tag's size field is 0
 * ```
 *
 * A varint is LEB128: 7 bits per byte, low group first, high bit set on every byte but the
 * last (at most 8 bytes for a 53-bit delta, 5 for a 32-bit size). Consecutive accesses are
 * near the previous one of their stream (the next instruction, the next stack slot), so a
 * typical record takes 2–3 bytes against about 15 for lackey text.
 */
import { MAX_ADDRESS, type TraceBuffer, type TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import type { ByteBuffer } from './byte-buffer.js';
import { checkAccess } from './lackey.js';
import type { TraceEncoder, TraceParser } from './types.js';

/** The 8 magic bytes that open every binary trace. */
export const BINARY_MAGIC: Uint8Array = new Uint8Array([0x89, 0x53, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The format version this code reads and writes. */
export const BINARY_VERSION = 1;
/** Bytes before the first record. */
export const BINARY_HEADER_BYTES = 16;

const OFFSET_VERSION = 8;
const TAG_KIND_MASK = 0b11;
const TAG_NEGATIVE = 0b100;
const TAG_SIZE_SHIFT = 3;
/** Largest size stored inside the tag byte. */
const TAG_MAX_SIZE = 31;
const MAX_RECORD_BYTES = 14;
/** 2^56: a varint of more than 8 bytes cannot be a 53-bit number. */
const VARINT_LIMIT = 2 ** 56;
const FETCH = 3;

/** The delta stream of a kind: 0 for instruction fetches, 1 for data accesses. */
function streamOf(kind: number): number {
  return kind === FETCH ? 0 : 1;
}

/** True when `bytes` starts with the binary magic. */
export function hasBinaryMagic(bytes: Uint8Array): boolean {
  if (bytes.length < BINARY_MAGIC.length) return false;
  for (let i = 0; i < BINARY_MAGIC.length; i++) if (bytes[i] !== BINARY_MAGIC[i]) return false;
  return true;
}

/** Reads binary traces; see the module comment for the layout. */
export class BinaryParser implements TraceParser {
  readonly sourceName: string;
  /** Bytes consumed so far (for error messages). */
  byteOffset: number;
  /** The previous address of each stream (see `streamOf`). */
  private readonly previousAddress: Float64Array;
  private headerRead: boolean;

  constructor(sourceName: string) {
    this.sourceName = sourceName;
    this.byteOffset = 0;
    this.previousAddress = new Float64Array(2);
    this.headerRead = false;
  }

  parse(bytes: Uint8Array, start: number, end: number, final: boolean, out: TraceBuffer): number {
    let pos = start;
    if (!this.headerRead) {
      if (end - pos < BINARY_HEADER_BYTES) {
        if (!final) return pos;
        throw new UsageError(
          `${this.sourceName}: not a softmem binary trace (shorter than its 16-byte header)`,
        );
      }
      if (!hasBinaryMagic(bytes.subarray(pos, pos + BINARY_MAGIC.length))) {
        throw new UsageError(`${this.sourceName}: not a softmem binary trace (bad magic bytes)`);
      }
      const version = bytes[pos + OFFSET_VERSION]! | (bytes[pos + OFFSET_VERSION + 1]! << 8);
      if (version !== BINARY_VERSION) {
        throw new UsageError(
          `${this.sourceName}: binary trace version ${version} is not supported (expected 1)`,
        );
      }
      this.headerRead = true;
      pos += BINARY_HEADER_BYTES;
      this.byteOffset += BINARY_HEADER_BYTES;
    }
    const { addresses, sizes, kinds } = out;
    const capacity = addresses.length;
    let n = out.length;
    const previousAddress = this.previousAddress;
    const consumedBefore = this.byteOffset - pos;
    while (n < capacity && pos < end) {
      const recordStart = pos;
      let p = pos;
      const tag = bytes[p++]!;
      // Delta varint; `p < end` checks let a record cut by the buffer end wait for more bytes.
      let delta = 0;
      let scale = 1;
      let byte = 0x80;
      while (byte >= 0x80) {
        if (p >= end) break;
        byte = bytes[p++]!;
        delta += (byte & 0x7f) * scale;
        scale *= 128;
        if (scale > VARINT_LIMIT) break;
      }
      let size = tag >>> TAG_SIZE_SHIFT;
      let complete = byte < 0x80;
      if (complete && size === 0) {
        scale = 1;
        byte = 0x80;
        while (byte >= 0x80) {
          if (p >= end) break;
          byte = bytes[p++]!;
          size += (byte & 0x7f) * scale;
          scale *= 128;
          if (scale > 2 ** 35) break;
        }
        complete = byte < 0x80;
      }
      if (!complete) {
        if (p >= end && !final) break; // cut by the buffer end: wait for more bytes
        this.fail(consumedBefore + recordStart, p >= end ? 'truncated record' : 'varint too long');
      }
      const kind = tag & TAG_KIND_MASK;
      const stream = streamOf(kind);
      const previous = previousAddress[stream]!;
      const address = tag & TAG_NEGATIVE ? previous - delta : previous + delta;
      if (address < 0 || address > MAX_ADDRESS)
        this.fail(consumedBefore + recordStart, 'address out of range');
      if (size === 0 || size > 0xffffffff) this.fail(consumedBefore + recordStart, `bad size ${size}`);
      addresses[n] = address;
      sizes[n] = size;
      kinds[n] = kind;
      n++;
      previousAddress[stream] = address;
      pos = p;
    }
    out.length = n;
    this.byteOffset = consumedBefore + pos;
    return pos;
  }

  private fail(offset: number, why: string): never {
    throw new UsageError(`${this.sourceName}: byte ${offset}: corrupt binary trace (${why})`);
  }
}

/** Writes binary traces; see the module comment for the layout. */
export class BinaryEncoder implements TraceEncoder {
  private readonly previousAddress: Float64Array;

  constructor() {
    this.previousAddress = new Float64Array(2);
  }

  header(): Uint8Array {
    const header = new Uint8Array(BINARY_HEADER_BYTES);
    header.set(BINARY_MAGIC);
    header[OFFSET_VERSION] = BINARY_VERSION & 0xff;
    header[OFFSET_VERSION + 1] = BINARY_VERSION >>> 8;
    return header;
  }

  encode(chunk: TraceChunk, out: ByteBuffer): void {
    const { addresses, sizes, kinds, length } = chunk;
    const bytes = out.reserve(length * MAX_RECORD_BYTES);
    let p = out.position;
    const previousAddress = this.previousAddress;
    for (let i = 0; i < length; i++) {
      const address = addresses[i]!;
      const size = sizes[i]!;
      checkAccess(address, size);
      const kind = kinds[i]!;
      if (kind > TAG_KIND_MASK) throw new RangeError(`unknown access kind ${kind}`);
      const stream = streamOf(kind);
      let delta = address - previousAddress[stream]!;
      let tag = kind;
      if (delta < 0) {
        tag |= TAG_NEGATIVE;
        delta = -delta;
      }
      if (size <= TAG_MAX_SIZE) tag |= size << TAG_SIZE_SHIFT;
      bytes[p++] = tag;
      while (delta >= 0x80) {
        const low = delta % 128;
        bytes[p++] = low | 0x80;
        delta = (delta - low) / 128;
      }
      bytes[p++] = delta;
      if (size > TAG_MAX_SIZE) {
        let rest = size;
        while (rest >= 0x80) {
          bytes[p++] = (rest & 0x7f) | 0x80;
          rest >>>= 7;
        }
        bytes[p++] = rest;
      }
      previousAddress[stream] = address;
    }
    out.position = p;
  }
}
