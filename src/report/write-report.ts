import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { reportToCsvFiles } from './csv.js';
import { reportToHtml } from './html.js';
import { reportToJson, stringifyJson } from './json.js';
import { reportToMarkdown } from './markdown.js';
import type { Report } from './types.js';

/** Which files `writeReportFiles` writes besides `index.html` and `results.json`. */
export interface ReportFileOptions {
  /** One `<id>.csv` per experiment. */
  csv: boolean;
  /** `report.md`. */
  markdown: boolean;
}

/**
 * Writes the report into `directory` (created if needed): `index.html` (self-contained),
 * `results.json` (the `softmem/1` contract) and, when asked, `<id>.csv` files and
 * `report.md`. Every document is rendered in memory first and each file is written to a
 * temporary name and renamed, so an error leaves no half-written file. Returns the absolute
 * paths written, `index.html` first.
 */
export async function writeReportFiles(
  directory: string,
  report: Report,
  options: ReportFileOptions = { csv: false, markdown: false },
): Promise<string[]> {
  const files: { name: string; text: string }[] = [
    { name: 'index.html', text: await reportToHtml(report) },
    { name: 'results.json', text: stringifyJson(reportToJson(report)) },
  ];
  if (options.csv)
    for (const { fileName, csv } of reportToCsvFiles(report)) files.push({ name: fileName, text: csv });
  if (options.markdown) files.push({ name: 'report.md', text: reportToMarkdown(report) });
  const absolute = resolve(directory);
  await mkdir(absolute, { recursive: true });
  const written: string[] = [];
  for (const { name, text } of files) {
    const path = join(absolute, name);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
    written.push(path);
  }
  return written;
}
