/** The line-size streams replayed through the cache simulator. */
import { type HierarchyConfig, hierarchyFromMachine } from '../../cache/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { AccessKind } from '../../trace/index.js';
import { emitIndexed, type SimulatedTraffic, simulate } from '../explain/simulate.js';
import { detectLineSize, type LineSizeKnee } from './knee.js';
import type { LineSizeStream } from './stream.js';

/** Where the simulated chase buffer starts (page-aligned). */
export const SIMULATED_BASE_ADDRESS = 0x10000;
const WORD_BYTES = 4;

/** The data hierarchy of `machine` (instruction caches dropped: the chase is all data). */
export function dataHierarchy(machine: MachineInfo): HierarchyConfig {
  return hierarchyFromMachine({ ...machine, caches: machine.caches.filter((c) => c.type !== 'instruction') });
}

/**
 * The same machine with every cache's line set to `lineBytes` (sizes and ways kept, sets
 * recomputed): what the simulator would see on a machine with other lines.
 */
export function withLineBytes(machine: MachineInfo, lineBytes: number): MachineInfo {
  return {
    ...machine,
    caches: machine.caches.map((cache) => ({
      ...cache,
      lineBytes,
      sets: cache.ways > 0 ? cache.sizeBytes / (cache.ways * lineBytes) : 0,
    })),
  };
}

/**
 * Steady-state traffic of one stride's chase: one pass (at most `maxAccesses`) warms the
 * simulated caches uncounted, as the harness's warm-up does, then up to `maxAccesses` loads
 * are counted. O(min(order length, maxAccesses)).
 */
export function simulateStream(
  config: HierarchyConfig,
  stream: LineSizeStream,
  maxAccesses: number,
): SimulatedTraffic {
  const length = stream.order.length;
  const warm = Math.min(length, maxAccesses);
  const count = Math.min(length, maxAccesses);
  return simulate(
    config,
    (sink) => emitIndexed(sink, AccessKind.Load, SIMULATED_BASE_ADDRESS, WORD_BYTES, stream.order, 0, warm),
    (sink) =>
      emitIndexed(sink, AccessKind.Load, SIMULATED_BASE_ADDRESS, WORD_BYTES, stream.order, warm, count),
    count,
  );
}

/** L1d misses per access of a simulated run (0 when nothing was counted). */
export function l1MissesPerAccess(traffic: SimulatedTraffic): number {
  const l1 = traffic.levels[0];
  return l1 === undefined || traffic.simulatedAccesses === 0 ? 0 : l1.misses / traffic.simulatedAccesses;
}

/** The knee of simulated L1d misses per access over a sweep of streams on `machine`. */
export function simulatedKnee(
  machine: MachineInfo,
  streams: readonly LineSizeStream[],
  maxAccesses: number,
): { knee: LineSizeKnee; missesPerAccess: number[] } {
  const config = dataHierarchy(machine);
  const missesPerAccess = streams.map((stream) =>
    l1MissesPerAccess(simulateStream(config, stream, maxAccesses)),
  );
  const knee = detectLineSize(
    streams.map((stream, k) => ({ strideBytes: stream.strideBytes, cost: missesPerAccess[k]! })),
  );
  return { knee, missesPerAccess };
}
