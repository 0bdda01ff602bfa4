/**
 * valgrind lackey's `--trace-mem=yes` text format, one access per line:
 *
 * ```text
 * ==7418== Lackey, an example Valgrind tool      ← valgrind's own lines: skipped
 * SB 04001c40                                     ← --trace-superblocks=yes: skipped
 * I  004014f0,2                                   ← instruction fetch: hex address, decimal size
 *  L 1fff0006a0,8                                 ← load
 *  S 1fff000698,8                                 ← store
 *  M 1fff000698,8                                 ← modify (load then store of the same bytes)
 * ```
 *
 * The parser is a hand-written single pass over the bytes (no strings, no `split`): about
 * 15 bytes per line, one table lookup per hex digit. See bench/trace-parse.bench.ts.
 */
import { AccessKind, MAX_ADDRESS, type TraceBuffer, type TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import type { ByteBuffer } from './byte-buffer.js';
import {
  CARRIAGE_RETURN,
  COMMA,
  findLineEnd,
  HEX_VALUE,
  lineExcerpt,
  NEWLINE,
  SPACE,
  writeDecimal,
  writeHex,
} from './bytes.js';
import type { TraceEncoder, TraceParser } from './types.js';

const CHAR_I = 73;
const CHAR_L = 76;
const CHAR_S = 83;
const CHAR_M = 77;
const CHAR_B = 66;
const CHAR_EQUALS = 61;
const CHAR_DASH = 45;
/** Sizes are uint32: at most 10 decimal digits. */
const MAX_SIZE_DIGITS = 10;
const MAX_SIZE = 0xffffffff;
/** Longest encoded record: 3 + 14 hex + 1 + 10 decimal + 1. */
const MAX_RECORD_BYTES = 29;

/** Parses lackey text; see the module comment for the grammar. */
export class LackeyParser implements TraceParser {
  /** Shown in error messages (`trace.lackey:17: cannot parse …`). */
  readonly sourceName: string;
  /** Lines consumed so far (valgrind's header lines included). */
  lineNumber: number;

  constructor(sourceName: string) {
    this.sourceName = sourceName;
    this.lineNumber = 0;
  }

  parse(bytes: Uint8Array, start: number, end: number, final: boolean, out: TraceBuffer): number {
    const addresses = out.addresses;
    const sizes = out.sizes;
    const kinds = out.kinds;
    const capacity = addresses.length;
    let n = out.length;
    let pos = start;
    let line = this.lineNumber;
    while (n < capacity && pos < end) {
      const next = parseLineFast(bytes, pos, end, addresses, sizes, kinds, n);
      if (next >= 0) {
        n++;
        line++;
        pos = next;
        continue;
      }
      // Slow path: a header line, a line cut by the end of the buffer, or a bad line.
      const lineEnd = findLineEnd(bytes, pos, end);
      if (lineEnd === end && !final) break; // incomplete: wait for more bytes
      line++;
      const record = parseLackeyLineSlowly(bytes, pos, lineEnd);
      if (record === undefined) {
        this.lineNumber = line;
        out.length = n;
        throw new UsageError(
          `${this.sourceName}:${line}: cannot parse '${lineExcerpt(bytes, pos, lineEnd)}'`,
        );
      }
      if (record !== null) {
        addresses[n] = record.address;
        sizes[n] = record.size;
        kinds[n] = record.kind;
        n++;
      }
      pos = lineEnd < end ? lineEnd + 1 : end;
    }
    out.length = n;
    this.lineNumber = line;
    return pos;
  }
}

/**
 * The fast path: parses one complete, well-formed access line at `bytes[start]` into slot
 * `n` of the columns and returns the position after its `\n`; returns -1 for anything else
 * (a header line, a line cut by `end`, a bad line), which the caller's slow path sorts out.
 */
function parseLineFast(
  bytes: Uint8Array,
  start: number,
  end: number,
  addresses: Float64Array,
  sizes: Uint32Array,
  kinds: Uint8Array,
  n: number,
): number {
  let p = start;
  if (p + 3 >= end) return -1;
  const first = bytes[p]!;
  let kind: number;
  if (first === CHAR_I) {
    if (bytes[p + 1] !== SPACE || bytes[p + 2] !== SPACE) return -1;
    kind = AccessKind.Fetch;
  } else if (first === SPACE) {
    if (bytes[p + 2] !== SPACE) return -1;
    const letter = bytes[p + 1]!;
    if (letter === CHAR_L) kind = AccessKind.Load;
    else if (letter === CHAR_S) kind = AccessKind.Store;
    else if (letter === CHAR_M) kind = AccessKind.Modify;
    else return -1;
  } else {
    return -1;
  }
  p += 3;
  const addressStart = p;
  let address = 0;
  while (p < end) {
    const digit = HEX_VALUE[bytes[p]!]!;
    if (digit < 0) break;
    address = address * 16 + digit;
    p++;
  }
  if (p === addressStart || p - addressStart > 16 || address > MAX_ADDRESS) return -1;
  if (p >= end || bytes[p] !== COMMA) return -1;
  p++;
  const sizeStart = p;
  let size = 0;
  while (p < end) {
    const digit = bytes[p]! - 48;
    if (digit < 0 || digit > 9) break;
    size = size * 10 + digit;
    p++;
  }
  if (p === sizeStart || p - sizeStart > MAX_SIZE_DIGITS || size === 0 || size > MAX_SIZE) return -1;
  if (p < end && bytes[p] === CARRIAGE_RETURN) p++;
  if (p >= end || bytes[p] !== NEWLINE) return -1;
  addresses[n] = address;
  sizes[n] = size;
  kinds[n] = kind;
  return p + 1;
}

interface ParsedLine {
  kind: AccessKind;
  address: number;
  size: number;
}

const LINE_PATTERN = /^(?:I {2}| ([LSM]) )([0-9a-fA-F]{1,16}),([0-9]{1,10})\r?$/;
const KIND_BY_LETTER: Readonly<Record<string, AccessKind>> = {
  L: AccessKind.Load,
  S: AccessKind.Store,
  M: AccessKind.Modify,
};

/**
 * The obviously-correct reading of one line `bytes[start, end)` (no `\n`): an access,
 * `null` for a line to skip (valgrind's `==pid==` / `--pid--` lines, `SB` superblock lines,
 * blank lines), or
 * `undefined` when malformed. Used for the rare lines the fast path leaves, and by tests.
 */
export function parseLackeyLineSlowly(
  bytes: Uint8Array,
  start: number,
  end: number,
): ParsedLine | null | undefined {
  const first = bytes[start];
  if (start === end || (start + 1 === end && first === CARRIAGE_RETURN)) return null;
  if ((first === CHAR_EQUALS || first === CHAR_DASH) && bytes[start + 1] === first) return null;
  if (first === CHAR_S && bytes[start + 1] === CHAR_B && bytes[start + 2] === SPACE) return null;
  const match = LINE_PATTERN.exec(new TextDecoder().decode(bytes.subarray(start, end)));
  if (match === null) return undefined;
  const address = Number.parseInt(match[2]!, 16);
  const size = Number.parseInt(match[3]!, 10);
  if (address > MAX_ADDRESS || size === 0 || size > MAX_SIZE) return undefined;
  const kind = match[1] === undefined ? AccessKind.Fetch : KIND_BY_LETTER[match[1]]!;
  return { kind, address, size };
}

/** Prefix bytes of each kind: `" L "`, `" S "`, `" M "`, `"I  "`. */
const PREFIX_BY_KIND: readonly (readonly [number, number])[] = [
  [SPACE, CHAR_L],
  [SPACE, CHAR_S],
  [SPACE, CHAR_M],
  [CHAR_I, SPACE],
];

/** Writes lackey text exactly as valgrind prints it (`%08lx` addresses, decimal sizes). */
export class LackeyEncoder implements TraceEncoder {
  header(): Uint8Array {
    return new Uint8Array(0);
  }

  encode(chunk: TraceChunk, out: ByteBuffer): void {
    const { addresses, sizes, kinds, length } = chunk;
    const bytes = out.reserve(length * MAX_RECORD_BYTES);
    let p = out.position;
    for (let i = 0; i < length; i++) {
      const address = addresses[i]!;
      const size = sizes[i]!;
      checkAccess(address, size);
      const prefix = PREFIX_BY_KIND[kinds[i]!];
      if (prefix === undefined) throw new RangeError(`unknown access kind ${kinds[i]}`);
      bytes[p] = prefix[0];
      bytes[p + 1] = prefix[1];
      bytes[p + 2] = SPACE;
      p = writeHex(bytes, p + 3, address, 8);
      bytes[p++] = COMMA;
      p = writeDecimal(bytes, p, size);
      bytes[p++] = NEWLINE;
    }
    out.position = p;
  }
}

/** Throws a RangeError unless an access can be written (every format refuses these). */
export function checkAccess(address: number, size: number): void {
  if (!(address >= 0 && address <= MAX_ADDRESS && Number.isInteger(address))) {
    throw new RangeError(`cannot write address ${address}: addresses are integers in [0, 2^53)`);
  }
  if (size === 0) throw new RangeError(`cannot write an access of size 0 (at address ${address})`);
}
