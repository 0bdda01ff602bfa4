/**
 * Transposition (issue 4: blocked 4096×4096 f64 ≥ 3× the naive loop) in its own bench file, so
 * it runs in a fresh process (bench/run.ts): the block-size sweep that chose
 * DEFAULT_TRANSPOSE_BLOCK_BYTES, then 2048² and 4096² against the naive loop, the contiguous
 * copy (the bandwidth floor), the cache-oblivious variant, and transposeInto's contiguous loop
 * called directly (to price its checks and "tracing off").
 */
import {
  DEFAULT_TRANSPOSE_BLOCK_BYTES,
  NDArray,
  transposeInto,
  transposeIntoRecursive,
  transposeNaive,
} from '../src/collections/index.js';
import { TILES_PER_OUTER_BLOCK, transposeContiguous } from '../src/collections/transpose.js';
import { type BenchSection, compare, metVerdict, roundRatio, table } from './lib.js';

const TRANSPOSE_TARGET_N = 4096; // the transpose target: a 4096×4096 f64 matrix

function squareMatrix(n: number): { src: NDArray<Float64Array>; dst: NDArray<Float64Array> } {
  const src = NDArray.zeros(Float64Array, [n, n]);
  for (let k = 0; k < src.data.length; k++) src.data[k] = k;
  return { src, dst: NDArray.zeros(Float64Array, [n, n]) };
}

/** The f64 tile edge transposeInto uses for `blockBytes` (rounded down to whole 8-element lines). */
function tileEdge(blockBytes: number): number {
  const edge = Math.floor(Math.sqrt(blockBytes / 8));
  return edge >= 8 ? edge - (edge % 8) : Math.max(1, edge);
}

async function transposeSection(): Promise<string> {
  const parts: string[] = [];
  // Block-size sweep: picks DEFAULT_TRANSPOSE_BLOCK_BYTES (src/collections/transpose.ts).
  {
    const n = 2048;
    const { src, dst } = squareMatrix(n);
    const sweep = [128, 512, 2048, 8192, 32768].map((blockBytes) => ({
      name: `blocked, blockBytes ${blockBytes} (tile ${tileEdge(blockBytes)}²)`,
      opsPerCall: n * n,
      fn: () => transposeInto(dst, src, { blockBytes }),
    }));
    const leaves = [64, 256, 1024].map((leafElements) => ({
      name: `cache-oblivious, leafElements ${leafElements}`,
      opsPerCall: n * n,
      fn: () => transposeIntoRecursive(dst, src, { leafElements }),
    }));
    const rows = await compare([...sweep, ...leaves], { rounds: 3 });
    parts.push(`### transpose block size (${n}² f64)`, '', table(rows), '');
  }
  for (const [n, rounds] of [
    [2048, 3],
    [TRANSPOSE_TARGET_N, 7],
  ] as const) {
    const { src, dst } = squareMatrix(n);
    const edge = tileEdge(DEFAULT_TRANSPOSE_BLOCK_BYTES);
    const outer = edge * TILES_PER_OUTER_BLOCK;
    const rows = await compare(
      [
        { name: 'naive (dst written with stride n)', fn: () => transposeNaive(dst, src) },
        { name: 'contiguous copy (typed-array set: the bandwidth floor)', fn: () => dst.data.set(src.data) },
        {
          name: `transposeInto, blockBytes ${DEFAULT_TRANSPOSE_BLOCK_BYTES}`,
          fn: () => transposeInto(dst, src),
        },
        { name: 'transposeIntoRecursive (cache-oblivious)', fn: () => transposeIntoRecursive(dst, src) },
        {
          name: 'its contiguous loop called directly (no checks, no trace test)',
          fn: () => transposeContiguous(dst.data, src.data, n, n, 0, 0, edge, outer),
        },
      ].map((c) => ({ ...c, opsPerCall: n * n })),
      { rounds },
    );
    const speedup = roundRatio(
      rows,
      'naive (dst written with stride n)',
      `transposeInto, blockBytes ${DEFAULT_TRANSPOSE_BLOCK_BYTES}`,
    );
    const recursive = roundRatio(
      rows,
      'naive (dst written with stride n)',
      'transposeIntoRecursive (cache-oblivious)',
    );
    const overhead = roundRatio(
      rows,
      `transposeInto, blockBytes ${DEFAULT_TRANSPOSE_BLOCK_BYTES}`,
      'its contiguous loop called directly (no checks, no trace test)',
    );
    parts.push(
      `### transpose ${n}×${n} f64 (${(n * n * 8) / 2 ** 20} MiB per matrix), ns per element`,
      '',
      table(rows),
      '',
      n === TRANSPOSE_TARGET_N
        ? `- Target: blocked ≥ 3× faster than naive on ${n}×${n} — ${speedup.toFixed(2)}× (median over the ${rounds} rounds of each round's ratio: the host's slow periods weigh on both sides of a round): ${metVerdict(speedup >= 3)}; cache-oblivious ${recursive.toFixed(2)}×.`
        : `- Blocked vs naive at ${n}×${n} (information: the target is on ${TRANSPOSE_TARGET_N}×${TRANSPOSE_TARGET_N}, below): ${speedup.toFixed(2)}×; cache-oblivious ${recursive.toFixed(2)}×.`,
      `- Tracing off: transposeInto (argument checks, then the trace test once per call, then its contiguous loop for untraced C-contiguous arrays) vs that loop called directly, per-round ratio: ${overhead.toFixed(3)}× (< 1.05 wanted): ${metVerdict(overhead < 1.05)}.`,
      '',
    );
  }
  return parts.join('\n');
}

export default async function (): Promise<BenchSection> {
  return { id: 'collections-transpose', title: 'Collections: transpose', body: await transposeSection() };
}
