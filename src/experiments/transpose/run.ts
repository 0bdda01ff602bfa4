/** Runs the `transpose` experiment: naive, blocked and cache-oblivious out-of-place transposes. */
import type { HierarchyConfig } from '../../cache/index.js';
import { NDArray, transposeInto, transposeIntoRecursive, transposeNaive } from '../../collections/index.js';
import { measureKernel } from '../../measure/index.js';
import type { TraceSink } from '../../trace/index.js';
import { measureLevelLatencies } from '../explain/latencies.js';
import { judge, predictNs } from '../explain/predict.js';
import { type SimulatedTraffic, simulate, simulationSetup } from '../explain/simulate.js';
import { round } from '../ratios.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import { checkTransposeParams, type TransposeParams } from './params.js';

/** The three ways to transpose, in the order they are reported. */
export const TRANSPOSE_VARIANTS = ['naive', 'blocked', 'cache-oblivious'] as const;
export type TransposeVariant = (typeof TRANSPOSE_VARIANTS)[number];

const F64_BYTES = 8;
/** Simulated addresses: source at 64 KiB, destination right after it (page-aligned). */
const SOURCE_BASE = 0x10000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Transpose = (dst: NDArray<Float64Array>, src: NDArray<Float64Array>) => void;

function transposer(variant: TransposeVariant, blockBytes: number): Transpose {
  switch (variant) {
    case 'naive':
      return transposeNaive;
    case 'blocked':
      return (dst, src) => transposeInto(dst, src, { blockBytes });
    case 'cache-oblivious':
      return transposeIntoRecursive;
  }
}

/** Replays one transpose of an edge × edge matrix through a fresh hierarchy (cold caches). */
function simulateTranspose(config: HierarchyConfig, edge: number, run: Transpose): SimulatedTraffic {
  const bytes = edge * edge * F64_BYTES;
  const destinationBase = SOURCE_BASE + Math.ceil(bytes / 4096) * 4096;
  const traced = (sink: TraceSink, baseAddress: number) =>
    new NDArray(new Float64Array(edge * edge), [edge, edge], undefined, 0, 'C', { trace: sink, baseAddress });
  // The whole run is replayed: real and simulated accesses are the same.
  return simulate(config, null, (sink) => run(traced(sink, destinationBase), traced(sink, SOURCE_BASE)), 0);
}

/** Runs the experiment (see `transposeExperiment`). */
export async function runTranspose(
  context: ExperimentContext,
  params: TransposeParams,
): Promise<ExperimentResult<TransposeParams>> {
  checkTransposeParams(params);
  const { machine, assumptions, config } = simulationSetup(context);
  context.progress(0, 'transpose: level latencies');
  const latencies = measureLevelLatencies(machine, context.seed);
  const points: ExperimentPoint[] = [];
  const total = params.edges.length * TRANSPOSE_VARIANTS.length;
  let step = 0;
  for (const edge of params.edges) {
    const src = new NDArray(new Float64Array(edge * edge), [edge, edge]);
    for (let i = 0; i < src.data.length; i++) src.data[i] = i;
    const dst = new NDArray(new Float64Array(edge * edge), [edge, edge]);
    const elements = edge * edge;
    for (const variant of TRANSPOSE_VARIANTS) {
      context.progress(step++ / total, `transpose: ${variant} ${edge}²`);
      await yieldToEventLoop();
      const run = transposer(variant, params.blockBytes);
      const measurement = measureKernel(
        (iterations) => {
          for (let k = 0; k < iterations; k++) run(dst, src);
          return dst.data[elements - 1]!;
        },
        { name: `${variant} ${edge}`, samples: params.samples, minSampleNs: 1_000_000 },
      );
      // Every element is read once and written once.
      const nsPerElement = measurement.nsPerOp.median / elements;
      const point: ExperimentPoint = {
        variant,
        edge,
        matrixBytes: elements * F64_BYTES,
        measuredMs: round(measurement.nsPerOp.median / 1e6),
        measuredNs: round(nsPerElement / 2),
        nsPerElement: round(nsPerElement),
      };
      if (edge <= params.simulateMaxEdge) {
        const traffic = simulateTranspose(config, edge, run);
        const accesses = Math.max(1, traffic.simulatedAccesses);
        for (const level of traffic.levels)
          point[`${level.name}MissesPerAccess`] = round(level.misses / accesses, 5);
        point.memoryAccesses = traffic.memoryAccesses;
        point.predictedNs = round(predictNs(traffic, latencies) / accesses);
        const verdict = judge(traffic, latencies, nsPerElement / 2, 2 * elements * F64_BYTES);
        point.verdict = verdict.verdict;
        point.reason = verdict.reason;
      } else {
        point.predictedNs = null;
        point.verdict = null;
        point.reason = `not simulated (edge above simulateMaxEdge ${params.simulateMaxEdge})`;
      }
      points.push(point);
    }
  }
  context.progress(1, 'transpose: done');
  const speedups = params.edges.map((edge) => {
    const time = (variant: TransposeVariant) =>
      Number(points.find((p) => p.edge === edge && p.variant === variant)?.nsPerElement);
    return {
      edge,
      blockedSpeedup: round(time('naive') / time('blocked'), 3),
      cacheObliviousSpeedup: round(time('naive') / time('cache-oblivious'), 3),
    };
  });
  return {
    id: 'transpose',
    title: 'Matrix transposition',
    params,
    points,
    summary: {
      speedups,
      levelLatencyNs: { levels: latencies.levelNs.map((v) => round(v)), memory: round(latencies.memoryNs) },
      notes: assumptions,
    },
  };
}
