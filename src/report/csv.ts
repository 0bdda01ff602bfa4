import type { ExperimentPoint } from '../experiments/types.js';
import { columnsOf } from './format.js';
import type { Report } from './types.js';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space,
 * with quotes doubled; `null` is an empty field; numbers keep full precision.
 */
export function csvField(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV table of flat points: a header of every key in order of first appearance, then one
 * line per point (a missing key is an empty field). Lines end in `\n`.
 *
 * @example
 * ```ts
 * pointsToCsv([{ sizeBytes: 4096, label: 'a,b' }]); // 'sizeBytes,label\n4096,"a,b"\n'
 * ```
 */
export function pointsToCsv(points: readonly ExperimentPoint[]): string {
  const columns = columnsOf(points);
  if (columns.length === 0) return '';
  const lines = [columns.map(csvField).join(',')];
  for (const point of points) lines.push(columns.map((column) => csvField(point[column])).join(','));
  return `${lines.join('\n')}\n`;
}

/** One CSV document per experiment, named `<id>.csv` (the id made safe as a file name). */
export function reportToCsvFiles(report: Report): { fileName: string; csv: string }[] {
  return report.experiments.map(({ result }) => ({
    fileName: `${safeFileName(result.id)}.csv`,
    csv: pointsToCsv(result.points),
  }));
}

/**
 * Every experiment's CSV for stdout: a lone experiment is plain CSV; several are blocks, each
 * introduced by a `# <id>` line and separated by a blank line.
 */
export function reportToCsvText(report: Report): string {
  if (report.experiments.length === 1) return pointsToCsv(report.experiments[0]!.result.points);
  return report.experiments.map(({ result }) => `# ${result.id}\n${pointsToCsv(result.points)}`).join('\n');
}

/** `id` with anything but letters, digits, `.`, `_` and `-` replaced by `_` (never empty, never a dot file). */
export function safeFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? '_' : safe;
}
