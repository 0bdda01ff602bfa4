export { type DetectOptions, detectMachine } from './detect.js';
export { machinePictureSpec } from './draw-picture.js';
export { drawMachineTree } from './draw-text.js';
export { parseGetconfCaches } from './getconf.js';
export { machineByName, PRESET_NAMES } from './presets.js';
export {
  ASSUMED_LAST_LEVEL,
  MAX_PLAUSIBLE_CACHE_BYTES,
  machineForSimulation,
  type SimulationMachine,
} from './simulable.js';
export { parseCpuList, parseSysfsSize, readSysfsCaches } from './sysfs.js';
export { buildTopology, cacheName, describeCache, type TopologyNode } from './topology.js';
export type { CacheInfo, MachineInfo, MachineSource } from './types.js';
