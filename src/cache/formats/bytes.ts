/**
 * Byte-level helpers shared by the text parsers and encoders: hex digit lookup, hex and
 * decimal writers for addresses up to 2^53, and a printable excerpt of a bad line.
 */

/** `HEX_VALUE[byte]` is the value of an ASCII hex digit, or -1. */
export const HEX_VALUE: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i;
    table[97 + i] = 10 + i;
  }
  return table;
})();

/** Lower-case hex digits by value. */
const HEX_DIGIT = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

export const NEWLINE = 10;
export const CARRIAGE_RETURN = 13;
export const SPACE = 32;
export const TAB = 9;
export const COMMA = 44;

const TWO_POW_32 = 4294967296;

/**
 * Writes `value` (an integer in [0, 2^53)) as lower-case hex, zero-padded to at least
 * `minDigits` (≤ 8) digits, at `bytes[position]`; returns the position after it. At most 14
 * bytes are written.
 */
export function writeHex(bytes: Uint8Array, position: number, value: number, minDigits: number): number {
  const high = Math.floor(value / TWO_POW_32);
  const low = value >>> 0;
  let p = position;
  if (high > 0) {
    p = writeHex32(bytes, p, high, 1);
    return writeHex32(bytes, p, low, 8);
  }
  return writeHex32(bytes, p, low, minDigits);
}

function writeHex32(bytes: Uint8Array, position: number, value: number, minDigits: number): number {
  let digits = 1;
  while (digits < 8 && value >>> (digits * 4) !== 0) digits++;
  if (digits < minDigits) digits = minDigits;
  for (let i = digits - 1; i >= 0; i--) {
    bytes[position + i] = HEX_DIGIT[(value >>> ((digits - 1 - i) * 4)) & 15]!;
  }
  return position + digits;
}

/** Writes a uint32 in decimal at `bytes[position]`; returns the position after it (≤ 10 bytes). */
export function writeDecimal(bytes: Uint8Array, position: number, value: number): number {
  let digits = 1;
  for (let bound = 10; digits < 10 && value >= bound; bound *= 10) digits++;
  let rest = value;
  for (let i = position + digits - 1; i >= position; i--) {
    const next = Math.floor(rest / 10);
    bytes[i] = 48 + rest - next * 10;
    rest = next;
  }
  return position + digits;
}

/** The text of `bytes[start, end)` without a trailing `\r`, shortened for an error message. */
export function lineExcerpt(bytes: Uint8Array, start: number, end: number): string {
  let stop = end;
  if (stop > start && bytes[stop - 1] === CARRIAGE_RETURN) stop--;
  const text = new TextDecoder().decode(bytes.subarray(start, Math.min(stop, start + 80)));
  return stop - start > 80 ? `${text}…` : text;
}

/** Position of the first `\n` in `bytes[start, end)`, or `end`. */
export function findLineEnd(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end && bytes[p] !== NEWLINE) p++;
  return p;
}
