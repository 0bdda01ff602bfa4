import Table from 'cli-table3';
import picocolors from 'picocolors';
import wrapAnsi from 'wrap-ansi';
import { drawMachineTree } from '../machine/index.js';
import type { MachineInfo } from '../machine/types.js';
import { formatDuration } from './format.js';
import { type CacheCellStyle, cachesTable, pointsTable, type TextTable } from './report-tables.js';
import { summarySections } from './summary-sections.js';
import type { Report, ReportedExperiment } from './types.js';

/** How terminal output is drawn. */
export interface TerminalOptions {
  /** ANSI colours (the CLI passes picocolors' detection, which honours NO_COLOR). */
  color: boolean;
}

/** Box-drawing without a rule between body rows: long tables stay half as tall. */
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

type Colors = ReturnType<typeof picocolors.createColors>;

/** Text in the last column of a quantity table wraps at this width (sentences, compiler names). */
const VALUE_COLUMN_CHARS = 72;

/** Explanation sentences wrap to this many columns (indent included), like a man page. */
export const EXPLANATION_COLUMNS = 100;

/** A sentence as lines of at most {@link EXPLANATION_COLUMNS} columns, each indented by two spaces. */
export function wrapSentence(sentence: string): string {
  return wrapAnsi(sentence, EXPLANATION_COLUMNS - 2, { hard: true, trim: true })
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Cache cells the machine did not report are `?`; sharing CPUs are joined without spaces. */
const TERMINAL_CACHE_CELLS: CacheCellStyle = { unknown: '?', cpuSeparator: ',' };

function table(header: readonly string[], colors: Colors, wrapLastColumn = false): Table.Table {
  // cli-table3 would colour with its own library; picocolors decides instead, so NO_COLOR holds.
  return new Table({
    head: header.map((cell) => colors.bold(cell)),
    style: { head: [], border: [] },
    chars: COMPACT_CHARS,
    ...(wrapLastColumn
      ? { colWidths: [...header.slice(1).map(() => null), VALUE_COLUMN_CHARS + 2], wordWrap: true }
      : {}),
  });
}

/** `table` drawn with every row of `content`. */
function filledTable(content: TextTable, colors: Colors): string {
  const drawn = table(content.columns, colors);
  for (const row of content.rows) drawn.push([...row]);
  return drawn.toString();
}

/** The machine as the machine module draws it (an lstopo-like tree with notes), then a table of its caches. */
export function machineToTerminal(machine: MachineInfo, options: TerminalOptions): string {
  const colors = picocolors.createColors(options.color);
  const caches = filledTable(cachesTable(machine, TERMINAL_CACHE_CELLS), colors);
  const tree = drawMachineTree(machine).replace(/^Machine\b/, colors.bold('Machine'));
  return `${tree.trimEnd()}\n${caches}\n`;
}

/** What `experimentToTerminal` shows besides the title and sentences. */
export interface ExperimentTerminalOptions extends TerminalOptions {
  /** The summary's single quantities (the main job shows them in one table at the end instead). */
  quantities: boolean;
  /** Every point. */
  points: boolean;
}

/**
 * One experiment: its title, sentences, summary (quantities, then one table per list of
 * records) and, when asked, every point.
 */
export function experimentToTerminal(
  reported: ReportedExperiment,
  options: ExperimentTerminalOptions,
): string {
  const colors = picocolors.createColors(options.color);
  const { result } = reported;
  const lines = [
    `${colors.bold(colors.cyan(result.title))} ${colors.dim(`(${result.id}, ${formatDuration(reported.elapsedMs)})`)}`,
  ];
  for (const sentence of reported.explanation) lines.push(wrapSentence(sentence));
  const sections = summarySections(result.summary);
  if (options.quantities && sections.quantities.length > 0) {
    const quantities = table(['quantity', 'value'], colors, true);
    for (const [key, value] of sections.quantities) quantities.push([key, terminalCell(value)]);
    lines.push(quantities.toString());
  }
  for (const section of sections.tables) {
    lines.push(colors.bold(`${section.title}:`), filledTable(section, colors));
  }
  if (options.points) {
    const points = pointsTable(result.points);
    if (points.columns.length > 0) {
      lines.push(colors.bold(`points (${result.points.length}):`), filledTable(points, colors));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The longest value a terminal table cell shows; longer or multi-line values are cut. */
export const TERMINAL_CELL_MAX_CHARS = 100;

/**
 * A value as one short line for a terminal table: multi-line or long text (a pahole layout, a
 * list of notes) keeps its first line, cut to {@link TERMINAL_CELL_MAX_CHARS}, and says where
 * the whole of it is.
 */
export function terminalCell(value: string): string {
  const firstLine = value.split('\n', 1)[0] ?? '';
  if (firstLine.length === value.length && value.length <= TERMINAL_CELL_MAX_CHARS) return value;
  return `${firstLine.slice(0, TERMINAL_CELL_MAX_CHARS)} … (in full in the JSON and HTML report)`;
}

/** One table of every experiment's single quantities: experiment, quantity, value (the main job's summary). */
export function summaryToTerminal(report: Report, options: TerminalOptions): string {
  const colors = picocolors.createColors(options.color);
  const summary = table(['experiment', 'quantity', 'value'], colors, true);
  for (const { result } of report.experiments) {
    for (const [key, value] of summarySections(result.summary).quantities)
      summary.push([result.id, key, terminalCell(value)]);
  }
  return `${colors.bold('Summary')}\n${summary.toString()}\n`;
}

/** The whole run: machine, then each experiment (with points when asked). */
export function reportToTerminal(report: Report, options: ExperimentTerminalOptions): string {
  const parts = [machineToTerminal(report.machine, options)];
  for (const experiment of report.experiments) parts.push(experimentToTerminal(experiment, options));
  return parts.join('\n');
}
