import {
  CacheHierarchy,
  type HierarchyConfig,
  type HierarchyStats,
  hierarchyFromMachine,
} from '../../cache/index.js';
import { type MachineInfo, machineForSimulation } from '../../machine/index.js';
import { type TraceSink, TraceStream } from '../../trace/index.js';
import type { ExperimentContext } from '../types.js';

/** What one level of the simulated hierarchy saw. */
export interface SimulatedLevel {
  name: string;
  accesses: number;
  hits: number;
  misses: number;
}

/** The simulated traffic of one kernel run (or of a sample of it). */
export interface SimulatedTraffic {
  /** Accesses the simulator replayed and counted. */
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

/** A stream of accesses: writes them into `sink`. */
export type Emit = (sink: TraceSink) => void;

function dataLevels(stats: HierarchyStats): SimulatedLevel[] {
  return stats.levels.slice(stats.topLevels - 1).map((level) => ({
    name: level.name,
    accesses: level.accesses,
    hits: level.hits,
    misses: level.misses,
  }));
}

/**
 * Replays a kernel's access stream through a fresh hierarchy: `warmUp` (not counted: it fills
 * the caches as the kernel's earlier passes would) then `measured`, whose traffic is returned.
 * `realAccesses` is how many accesses the real run makes (for extrapolation when the measured
 * stream is a sample).
 */
export function simulate(
  config: HierarchyConfig,
  warmUp: Emit | null,
  measured: Emit,
  realAccesses: number,
): SimulatedTraffic {
  const hierarchy = new CacheHierarchy(config);
  const stream = new TraceStream(hierarchy);
  let before: SimulatedLevel[] | null = null;
  let memoryBefore = 0;
  if (warmUp !== null) {
    warmUp(stream);
    stream.flush();
    const stats = hierarchy.stats();
    before = dataLevels(stats);
    memoryBefore = stats.memoryAccesses;
  }
  const warmAccesses = stream.total;
  measured(stream);
  stream.flush();
  const stats = hierarchy.stats();
  const levels = dataLevels(stats).map((level, k) => {
    const old = before?.[k];
    return old === undefined
      ? level
      : {
          name: level.name,
          accesses: level.accesses - old.accesses,
          hits: level.hits - old.hits,
          misses: level.misses - old.misses,
        };
  });
  const simulatedAccesses = stream.total - warmAccesses;
  return {
    simulatedAccesses,
    realAccesses: Math.max(realAccesses, simulatedAccesses),
    levels,
    memoryAccesses: stats.memoryAccesses - memoryBefore,
  };
}

/**
 * Emits `count` accesses of `elementBytes` at `baseAddress + index × elementBytes`, cycling
 * through `indices` from position `start`; returns the position after the last one.
 */
export function emitIndexed(
  sink: TraceSink,
  kind: 0 | 1 | 2 | 3,
  baseAddress: number,
  elementBytes: number,
  indices: Int32Array,
  start: number,
  count: number,
): number {
  const length = indices.length;
  let position = start % length;
  for (let i = 0; i < count; i++) {
    sink.access(baseAddress + indices[position]! * elementBytes, elementBytes, kind);
    position++;
    if (position === length) position = 0;
  }
  return position;
}

/** The machine an experiment simulates, the assumptions that made it simulable, and its hierarchy. */
export interface SimulationSetup {
  machine: MachineInfo;
  assumptions: string[];
  /** The data side of the machine (L1d and below): the experiments' streams hold no fetches. */
  config: HierarchyConfig;
}

/**
 * Prepares an experiment's simulation: `machineForSimulation` on the context's machine (each
 * assumption logged), then the hierarchy of its data caches.
 */
export function simulationSetup(context: Pick<ExperimentContext, 'machine' | 'log'>): SimulationSetup {
  const { machine, assumptions } = machineForSimulation(context.machine);
  for (const assumption of assumptions) context.log(assumption);
  const config = hierarchyFromMachine({
    ...machine,
    caches: machine.caches.filter((cache) => cache.type !== 'instruction'),
  });
  return { machine, assumptions, config };
}
