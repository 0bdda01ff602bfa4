import { UsageError } from './errors.js';

const KIB = 1024;
const UNIT_FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: KIB,
  kb: KIB,
  kib: KIB,
  m: KIB ** 2,
  mb: KIB ** 2,
  mib: KIB ** 2,
  g: KIB ** 3,
  gb: KIB ** 3,
  gib: KIB ** 3,
  t: KIB ** 4,
  tb: KIB ** 4,
  tib: KIB ** 4,
};

/**
 * Parses a byte size such as `4096`, `32K`, `32KiB`, `1.5M`, `2GB` (binary multiples: the
 * memory hierarchy is sized in powers of two). Throws `UsageError` for anything else.
 *
 * @example
 * ```ts
 * parseBytes('32KiB'); // 32768
 * ```
 */
export function parseBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const factor = match ? UNIT_FACTORS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    throw new UsageError(`not a size: '${text}' (try 4096, 32K, 1MiB, 2G)`);
  }
  const bytes = Number(match[1]) * factor;
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`not a whole number of bytes: '${text}'`);
  return bytes;
}

/**
 * Formats a byte count with a binary unit: `formatBytes(49152)` → `"48 KiB"`.
 * Whole numbers are printed without decimals; others with up to one decimal.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= KIB && unit < units.length - 1) {
    value /= KIB;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit]}`;
}

/**
 * Parses a non-negative integer count from a CLI argument; rejects `-3`, `1.5`, `abc`.
 */
export function parseCount(what: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text))
    throw new UsageError(`${what} must be a non-negative integer, got '${text}'`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${what} is too large: '${text}'`);
  return value;
}
