import { formatBytes } from '../util/units.js';

/**
 * Formats a number for people: integers as they are, other values to four significant
 * digits (`1.234`, `12.35`, `1235`), non-finite values by name.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/**
 * Formats one value of a result (a point's cell, a summary entry) for tables in every format.
 * A whole number under a key ending in `Bytes` becomes a binary size (`48 KiB`); lists and
 * records are written compactly (`a: 1; b: 2`). Knows nothing about any one experiment.
 *
 * @example
 * ```ts
 * formatValue('sizeBytes', 49152); // '48 KiB'
 * formatValue('nsPerAccess', 1.23456); // '1.235'
 * ```
 */
export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return isByteKey(key) && Number.isSafeInteger(value) ? formatBytes(value) : formatNumber(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((item) => formatValue(key, item)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([innerKey, inner]) => `${innerKey}: ${formatValue(innerKey, inner)}`)
      .join('; ');
  }
  return String(value);
}

/** True for keys that hold a byte count by softmem's naming rule (`sizeBytes`, `workingSetBytes`). */
export function isByteKey(key: string): boolean {
  return /bytes$/i.test(key);
}

/** The column names of `rows` in order of first appearance (points may differ in keys). */
export function columnsOf(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A duration for people: `850 ms`, `12.3 s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}
