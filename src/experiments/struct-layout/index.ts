export { structLayoutCharts } from './charts.js';
export { structLayoutExperiment } from './experiment.js';
export { explainStructLayout } from './explain.js';
export { dataViewWrites, typedArrayWrites } from './kernels.js';
export { type LayoutName, layoutOf, PACKED_STRUCT, PADDED_STRUCT } from './layouts.js';
export {
  checkStructLayoutParams,
  MAX_STRUCT_COUNT,
  STRUCT_LAYOUT_DEFAULTS,
  type StructLayoutParams,
} from './params.js';
export {
  defaultStructCounts,
  runStructLayout,
  SIMULATED_BASE_ADDRESS,
  simulateStructWrites,
  TIMED_VARIANTS,
} from './run.js';
export {
  countLineCrossings,
  emitStructWrites,
  type LayoutCell,
  type LineCrossings,
  layoutCells,
} from './straddle.js';
export type { LayoutDescription, StraddleRow, StructLayoutSummary, TimingRow } from './summary.js';
