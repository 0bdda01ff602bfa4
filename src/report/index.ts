// cachegrind-compatible summary (branch cache-traces).
export {
  CACHEGRIND_EVENTS,
  type CachegrindTotals,
  cachegrindTotals,
  formatCachegrindSummary,
  parseCachegrindOut,
} from './cachegrind-summary.js';
export { csvField, pointsToCsv, reportToCsvFiles, reportToCsvText, safeFileName } from './csv.js';
export { escapeHtml } from './escape-html.js';
export { columnsOf, formatDuration, formatNumber, formatValue, isByteKey } from './format.js';
export { type MachineDrawing, machineDrawing, reportToHtml } from './html.js';
export {
  type ExperimentJson,
  type MachineJson,
  machineToJson,
  type RunJson,
  reportToJson,
  stringifyJson,
} from './json.js';
export { escapeMarkdown, markdownTable, reportToMarkdown } from './markdown.js';
export { type ParamAssignment, parseParamAssignment, resolveParams } from './param-overrides.js';
export { renderVegaLiteSvg } from './render-svg.js';
export { type ExperimentPlan, planExperiments, type RunOptions, runExperiments } from './run-experiments.js';
export { selectExperiments } from './select-experiments.js';
export { type SummarySections, type SummaryTable, summarySections } from './summary-sections.js';
export {
  EXPLANATION_COLUMNS,
  experimentToTerminal,
  machineToTerminal,
  reportToTerminal,
  summaryToTerminal,
  TERMINAL_CELL_MAX_CHARS,
  type TerminalOptions,
  terminalCell,
  wrapSentence,
} from './terminal.js';
export {
  type EnvironmentRecord,
  type Report,
  type ReportedExperiment,
  type RunSources,
  SCHEMA,
} from './types.js';
export { type ReportFileOptions, writeReportFiles } from './write-report.js';
