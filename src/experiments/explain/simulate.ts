import { CacheHierarchy, type HierarchyConfig } from '../../cache/index.js';
import { type TraceSink, TraceStream } from '../../trace/index.js';

/** What one level of the simulated hierarchy saw. */
export interface SimulatedLevel {
  name: string;
  accesses: number;
  hits: number;
  misses: number;
}

/** The simulated traffic of one kernel run (or of a sample of it). */
export interface SimulatedTraffic {
  /** Accesses the simulator replayed. */
  simulatedAccesses: number;
  /** Accesses the real run makes; larger than `simulatedAccesses` when sampled. */
  realAccesses: number;
  /** Data levels, top (L1d) first. */
  levels: SimulatedLevel[];
  /** Accesses that missed every level. */
  memoryAccesses: number;
}

/** True when only part of the run was replayed. */
export function isSampled(traffic: SimulatedTraffic): boolean {
  return traffic.simulatedAccesses < traffic.realAccesses;
}

/**
 * Replays a kernel's access stream through a fresh hierarchy. `emit` writes the stream (or its
 * first `maxAccesses` accesses, when the run is larger) into the sink and returns how many
 * accesses the whole real run makes.
 */
export function simulate(
  config: HierarchyConfig,
  emit: (sink: TraceSink, maxAccesses: number) => number,
  maxAccesses: number,
): SimulatedTraffic {
  const hierarchy = new CacheHierarchy(config);
  const stream = new TraceStream(hierarchy);
  const realAccesses = emit(stream, maxAccesses);
  stream.flush();
  const stats = hierarchy.stats();
  const dataLevels = stats.levels.slice(stats.topLevels - 1);
  return {
    simulatedAccesses: stream.total,
    realAccesses,
    levels: dataLevels.map((level) => ({
      name: level.name,
      accesses: level.accesses,
      hits: level.hits,
      misses: level.misses,
    })),
    memoryAccesses: stats.memoryAccesses,
  };
}
