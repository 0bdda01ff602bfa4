/** Runs the `struct-layout` experiment: exact line crossings, simulated traffic and timed writes per working set. */
import type { HierarchyConfig } from '../../cache/index.js';
import { StructArray, type StructLayout } from '../../collections/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { measureKernel } from '../../measure/index.js';
import { measureLevelLatencies } from '../explain/latencies.js';
import { judge, type LevelLatencies, predictNs } from '../explain/predict.js';
import { type SimulatedTraffic, simulate, simulationSetup } from '../explain/simulate.js';
import { round } from '../ratios.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import { dataCaches } from '../working-sets.js';
import { dataViewWrites, typedArrayWrites } from './kernels.js';
import { type LayoutName, layoutOf, PADDED_STRUCT } from './layouts.js';
import { checkStructLayoutParams, type StructLayoutParams } from './params.js';
import { countLineCrossings, emitStructWrites } from './straddle.js';
import { summarise } from './summary.js';

/** Where the simulated array starts: 64-byte (and page) aligned, like a fresh malloc of this size. */
export const SIMULATED_BASE_ADDRESS = 0x10000;

/** The timed variants: which layout, written how. */
export const TIMED_VARIANTS = [
  { id: 'packed-dataview', layout: 'packed', access: 'DataView' },
  { id: 'padded-dataview', layout: 'padded', access: 'DataView' },
  { id: 'padded-typed', layout: 'padded', access: 'typed arrays' },
] as const satisfies readonly { id: string; layout: LayoutName; access: string }[];

/** Fallback sizes when the machine lists no L2: L1d multiples. */
const FALLBACK_L2_MULTIPLE = 16;
/** Working sets: half of L1d, half of L2, and this many × L2 (in padded bytes). */
const BEYOND_L2_MULTIPLE = 4;
/** Warm-up budget per point as a share of the point's budget. */
const WARMUP_SHARE = 0.4;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The default array lengths for `machine`: half of L1d, half of L2 and 4 × L2, in 8-byte structs. */
export function defaultStructCounts(machine: MachineInfo): number[] {
  const caches = dataCaches(machine);
  const l1 = caches[0]?.sizeBytes ?? 32 * 1024;
  const l2 = caches[1]?.sizeBytes ?? l1 * FALLBACK_L2_MULTIPLE;
  return [l1 / 2, l2 / 2, BEYOND_L2_MULTIPLE * l2].map((bytes) =>
    Math.max(64, Math.floor(bytes / PADDED_STRUCT.sizeOf)),
  );
}

/**
 * One steady-state pass of the field writes over `count` structs of `layout` through a fresh
 * hierarchy: a first pass fills the caches uncounted (`warm`), as the kernel's earlier passes
 * do; the second is counted. With `warm` false the only pass is counted (cold caches).
 */
export function simulateStructWrites(
  config: HierarchyConfig,
  layout: StructLayout,
  count: number,
  warm: boolean,
  baseAddress = SIMULATED_BASE_ADDRESS,
): SimulatedTraffic {
  const emit = (sink: Parameters<typeof emitStructWrites>[0]) =>
    emitStructWrites(sink, layout, count, baseAddress);
  return simulate(config, warm ? emit : null, emit, count * layout.fields.length);
}

function trafficColumns(traffic: SimulatedTraffic): ExperimentPoint {
  const columns: ExperimentPoint = {};
  for (const level of traffic.levels) {
    columns[`${level.name}Accesses`] = level.accesses;
    columns[`${level.name}Misses`] = level.misses;
  }
  columns.memoryAccesses = traffic.memoryAccesses;
  return columns;
}

function timedKernel(layoutName: LayoutName, access: string, array: StructArray): (passes: number) => number {
  const layout = array.layout;
  const structs = array.length;
  const firstOffset = layout.offsetOf('first');
  const secondOffset = layout.offsetOf('second');
  if (access === 'DataView') {
    const view = array.view;
    return (passes) => dataViewWrites(view, structs, layout.sizeOf, firstOffset, secondOffset, passes);
  }
  if (layoutName === 'packed')
    throw new RangeError('the packed layout cannot be written through typed arrays');
  const firsts = new Int16Array(array.buffer);
  const seconds = new Int32Array(array.buffer);
  const firstStride = layout.sizeOf / 2;
  const secondStride = layout.sizeOf / 4;
  return (passes) =>
    typedArrayWrites(
      firsts,
      seconds,
      structs,
      firstStride,
      firstOffset / 2,
      secondStride,
      secondOffset / 4,
      passes,
    );
}

/** Runs the experiment (see `structLayoutExperiment`). */
export async function runStructLayout(
  context: ExperimentContext,
  requested: StructLayoutParams,
): Promise<ExperimentResult<StructLayoutParams>> {
  checkStructLayoutParams(requested);
  const { machine, assumptions, config } = simulationSetup(context);
  const lineBytes = config.levels[0]!.lineBytes;
  const structCounts = requested.structCounts ?? defaultStructCounts(machine);
  const params: StructLayoutParams = { ...requested, structCounts };

  context.progress(0, 'struct-layout: level latencies');
  const latencies: LevelLatencies = measureLevelLatencies(machine, context.seed);
  const points: ExperimentPoint[] = [];
  const total = structCounts.length * TIMED_VARIANTS.length;
  let step = 0;
  for (const structs of structCounts) {
    const simulated = new Map<
      LayoutName,
      { traffic: SimulatedTraffic; straddling: number; spanning: number }
    >();
    for (const variant of TIMED_VARIANTS) {
      context.progress(step++ / total, `struct-layout: ${variant.id}, ${structs} structs`);
      await yieldToEventLoop();
      const layout = layoutOf(variant.layout);
      let sim = simulated.get(variant.layout);
      if (sim === undefined) {
        const crossings = countLineCrossings(layout, structs, SIMULATED_BASE_ADDRESS, lineBytes);
        sim = {
          traffic: simulateStructWrites(config, layout, structs, true),
          straddling: crossings.straddlingAccesses,
          spanning: crossings.spanningStructs,
        };
        simulated.set(variant.layout, sim);
      }
      const array = new StructArray(layout, structs);
      const measurement = measureKernel(timedKernel(variant.layout, variant.access, array), {
        name: `${variant.id} ${structs}`,
        samples: params.samples,
        maxTimeMs: params.maxTimeMsPerPoint,
        maxWarmupMs: params.maxTimeMsPerPoint * WARMUP_SHARE,
        minWarmupMs: Math.min(50, params.maxTimeMsPerPoint * WARMUP_SHARE),
      });
      const nsPerStruct = measurement.nsPerOp.median / structs;
      const workingSetBytes = structs * layout.sizeOf;
      const accessesPerStruct = layout.fields.length;
      const verdict = judge(sim.traffic, latencies, nsPerStruct / accessesPerStruct, workingSetBytes);
      points.push({
        section: 'timed',
        variant: variant.id,
        layout: variant.layout,
        access: variant.access,
        structs,
        structBytes: layout.sizeOf,
        workingSetBytes,
        measuredNs: round(nsPerStruct),
        measuredNsMin: round(measurement.nsPerOp.min / structs),
        predictedNs: round(predictNs(sim.traffic, latencies) / structs),
        accessesPerPass: structs * accessesPerStruct,
        straddlingAccesses: sim.straddling,
        spanningStructs: sim.spanning,
        ...trafficColumns(sim.traffic),
        verdict: verdict.verdict,
        reason: verdict.reason,
      });
    }
  }
  context.progress(1, 'struct-layout: done');
  return {
    id: 'struct-layout',
    title: 'Struct layout',
    params,
    points,
    summary: summarise(points, lineBytes, latencies, machine, assumptions) as unknown as Record<
      string,
      unknown
    >,
  };
}
