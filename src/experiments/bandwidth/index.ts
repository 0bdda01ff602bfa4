export { bandwidthCharts } from './charts.js';
export { bandwidthExperiment } from './experiment.js';
export { explainBandwidth } from './explain.js';
export {
  ARRAYS_PER_KERNEL,
  BANDWIDTH_KERNELS,
  type BandwidthArrays,
  type BandwidthKernel,
  BYTES_PER_ELEMENT,
  bandwidthArrays,
  bandwidthKernel,
  copyInto,
  elementsFor,
  NATIVE_PEER,
  readSum,
  TRIAD_SCALAR,
  triad,
  warmUpBandwidthKernels,
  writeFill,
} from './kernels.js';
export { BANDWIDTH_DEFAULTS, type BandwidthParams, checkBandwidthParams } from './params.js';
export { runBandwidth } from './run.js';
export {
  type BandwidthKernelSummary,
  type BandwidthPoint,
  type BandwidthReference,
  type BandwidthSummary,
  bandwidthPointsOf,
  bandwidthSummaryOf,
} from './summary.js';
