/**
 * DineroIV's two text formats, read exactly as DineroIV's `dinfmt.c` and `xdinfmt.c` read them.
 *
 * Traditional din (`-informat d`, from Dinero III): `label address`, one per line, hex
 * numbers (an optional `0x`), the rest of the line ignored. Labels: 0 read, 1 write,
 * 2 instruction fetch, 3 miscellaneous (read as a load), 4 copyback and 5 invalidate (cache
 * control, no access: skipped). The format has no sizes: like DineroIV, every access is a
 * 4-byte word and the address is rounded down to a multiple of 4.
 *
 * Extended din (`-informat D`): `type address size`, with type one of `r w i m c v`
 * (read, write, instruction fetch, miscellaneous → load, copyback and invalidate → skipped),
 * address and size in hex with an optional `0x`; the rest of the line is ignored.
 *
 * Writers emit a modify (read-modify-write) as a read followed by a write of the same bytes.
 */
import { AccessKind, MAX_ADDRESS, type TraceBuffer, type TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import type { ByteBuffer } from './byte-buffer.js';
import {
  CARRIAGE_RETURN,
  findLineEnd,
  HEX_VALUE,
  lineExcerpt,
  NEWLINE,
  SPACE,
  TAB,
  writeHex,
} from './bytes.js';
import { checkAccess } from './lackey.js';
import type { TraceEncoder, TraceParser } from './types.js';

/** What a din label or xdin type letter means: an access kind, or -1 for "no access". */
const SKIP = -1;
const DIN_LABELS: readonly number[] = [
  AccessKind.Load,
  AccessKind.Store,
  AccessKind.Fetch,
  AccessKind.Load,
  SKIP,
  SKIP,
];
const XDIN_TYPES: Readonly<Record<string, number>> = {
  r: AccessKind.Load,
  w: AccessKind.Store,
  i: AccessKind.Fetch,
  m: AccessKind.Load,
  c: SKIP,
  v: SKIP,
};
const CHAR_X = 120;
const CHAR_UPPER_X = 88;
/** A hex field too long for a 53-bit number is malformed. */
const MAX_HEX_DIGITS = 16;

function isBlank(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB;
}

/** Reads one hex field starting at `bytes[p]`; returns [value, end] or undefined. */
function readHexField(bytes: Uint8Array, start: number, end: number): [number, number] | undefined {
  let p = start;
  if (p + 1 < end && bytes[p] === 48 && (bytes[p + 1] === CHAR_X || bytes[p + 1] === CHAR_UPPER_X)) p += 2;
  const digitsStart = p;
  let value = 0;
  while (p < end) {
    const digit = HEX_VALUE[bytes[p]!]!;
    if (digit < 0) break;
    value = value * 16 + digit;
    p++;
  }
  if (p === digitsStart || p - digitsStart > MAX_HEX_DIGITS || value > MAX_ADDRESS) return undefined;
  if (p < end && !isBlank(bytes[p])) return undefined;
  return [value, p];
}

function skipBlanks(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end && isBlank(bytes[p])) p++;
  return p;
}

/** Shared line loop of both din formats; `parseLine` returns the kind (or SKIP) or undefined. */
abstract class DinLineParser implements TraceParser {
  readonly sourceName: string;
  lineNumber: number;
  /** Out-parameters of `parseLine` (no allocation per line). */
  protected address: number;
  protected size: number;

  constructor(sourceName: string) {
    this.sourceName = sourceName;
    this.lineNumber = 0;
    this.address = 0;
    this.size = 0;
  }

  protected abstract parseLine(bytes: Uint8Array, start: number, end: number): number | undefined;

  parse(bytes: Uint8Array, start: number, end: number, final: boolean, out: TraceBuffer): number {
    let pos = start;
    let n = out.length;
    const capacity = out.addresses.length;
    while (n < capacity && pos < end) {
      const lineEnd = findLineEnd(bytes, pos, end);
      if (lineEnd === end && !final) break;
      this.lineNumber++;
      let stop = lineEnd;
      if (stop > pos && bytes[stop - 1] === CARRIAGE_RETURN) stop--;
      const kind = this.parseLine(bytes, pos, stop);
      if (kind === undefined) {
        out.length = n;
        throw new UsageError(
          `${this.sourceName}:${this.lineNumber}: cannot parse '${lineExcerpt(bytes, pos, lineEnd)}'`,
        );
      }
      if (kind !== SKIP) {
        out.addresses[n] = this.address;
        out.sizes[n] = this.size;
        out.kinds[n] = kind;
        n++;
      }
      pos = lineEnd < end ? lineEnd + 1 : end;
    }
    out.length = n;
    return pos;
  }
}

/** Parses traditional din (`label address`); sizes are 4 and addresses word-aligned, as in DineroIV. */
export class DinParser extends DinLineParser {
  protected parseLine(bytes: Uint8Array, start: number, end: number): number | undefined {
    const labelAt = skipBlanks(bytes, start, end);
    const label = readHexField(bytes, labelAt, end);
    if (label === undefined) return undefined;
    const kind = DIN_LABELS[label[0]];
    if (kind === undefined) return undefined;
    const addressAt = skipBlanks(bytes, label[1], end);
    const address = readHexField(bytes, addressAt, end);
    if (address === undefined) return undefined;
    this.address = address[0] - (address[0] % 4);
    this.size = 4;
    return kind;
  }
}

/** Parses extended din (`type address size`). */
export class XdinParser extends DinLineParser {
  protected parseLine(bytes: Uint8Array, start: number, end: number): number | undefined {
    const typeAt = skipBlanks(bytes, start, end);
    if (typeAt + 1 >= end || !isBlank(bytes[typeAt + 1])) return undefined;
    const kind = XDIN_TYPES[String.fromCharCode(bytes[typeAt]! | 0x20)];
    if (kind === undefined) return undefined;
    const address = readHexField(bytes, skipBlanks(bytes, typeAt + 1, end), end);
    if (address === undefined) return undefined;
    const size = readHexField(bytes, skipBlanks(bytes, address[1], end), end);
    if (size === undefined || size[0] === 0 || size[0] > 0xffffffff) return undefined;
    this.address = address[0];
    this.size = size[0];
    return kind;
  }
}

/** Longest din record: a modify is two lines of 2 + 14 + 1 (+ 1 + 8 for xdin sizes). */
const MAX_DIN_RECORD_BYTES = 2 * 26;
const DIN_LABEL_CHAR: readonly number[] = [48, 49, 48, 50]; // load 0, store 1, (modify), fetch 2
const XDIN_TYPE_CHAR: readonly number[] = [114, 119, 114, 105]; // r w (r) i

function encodeDin(chunk: TraceChunk, out: ByteBuffer, labels: readonly number[], withSize: boolean): void {
  const { addresses, sizes, kinds, length } = chunk;
  const bytes = out.reserve(length * MAX_DIN_RECORD_BYTES);
  let p = out.position;
  for (let i = 0; i < length; i++) {
    const address = addresses[i]!;
    const size = sizes[i]!;
    checkAccess(address, size);
    const kind = kinds[i]!;
    const label = labels[kind];
    if (label === undefined) throw new RangeError(`unknown access kind ${kind}`);
    // A modify is a read then a write of the same bytes.
    const records = kind === AccessKind.Modify ? 2 : 1;
    for (let r = 0; r < records; r++) {
      bytes[p++] = r === 0 ? label : labels[AccessKind.Store]!;
      bytes[p++] = SPACE;
      p = writeHex(bytes, p, address, 1);
      if (withSize) {
        bytes[p++] = SPACE;
        p = writeHex(bytes, p, size, 1);
      }
      bytes[p++] = NEWLINE;
    }
  }
  out.position = p;
}

/** Writes traditional din (sizes are lost: DineroIV reads every access as a 4-byte word). */
export class DinEncoder implements TraceEncoder {
  header(): Uint8Array {
    return new Uint8Array(0);
  }
  encode(chunk: TraceChunk, out: ByteBuffer): void {
    encodeDin(chunk, out, DIN_LABEL_CHAR, false);
  }
}

/** Writes extended din (`r 7ffc10 8`). */
export class XdinEncoder implements TraceEncoder {
  header(): Uint8Array {
    return new Uint8Array(0);
  }
  encode(chunk: TraceChunk, out: ByteBuffer): void {
    encodeDin(chunk, out, XDIN_TYPE_CHAR, true);
  }
}
