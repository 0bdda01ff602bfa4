/**
 * Transposition (issue 4: blocked 4096×4096 f64 ≥ 3× the naive loop) in its own bench file, so
 * it runs in a fresh process (bench/run.ts): the block-size sweep that chose
 * DEFAULT_TRANSPOSE_BLOCK_BYTES, then 2048² and 4096² against the naive loop, the contiguous
 * copy (the bandwidth floor), the cache-oblivious variant and a bare loop without strides or
 * the trace test (to price "tracing off").
 */
import {
  DEFAULT_TRANSPOSE_BLOCK_BYTES,
  NDArray,
  transposeInto,
  transposeIntoRecursive,
  transposeNaive,
} from '../src/collections/index.js';
import { type BenchRow, type BenchSection, compare, table } from './lib.js';

const TRANSPOSE_TARGET_N = 4096; // the transpose target: a 4096×4096 f64 matrix

function row(rows: readonly BenchRow[], name: string): BenchRow {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no bench row ${name}`);
  return found;
}

/** `a` is `ratio`× slower than `b` (time ratio, > 1 = slower). */
function ratio(rows: readonly BenchRow[], a: string, b: string): number {
  return row(rows, a).medianNsPerOp / row(rows, b).medianNsPerOp;
}

function verdict(met: boolean): string {
  return met ? '**met**' : '**not met**';
}

/** transposeInto's two-level tiling for C-contiguous square matrices, without strides or the trace test. */
function bareBlockedTranspose(dst: Float64Array, src: Float64Array, n: number, edge: number): void {
  const outer = edge * 32;
  for (let outerI = 0; outerI < n; outerI += outer) {
    for (let outerJ = 0; outerJ < n; outerJ += outer) {
      const outerIEnd = Math.min(outerI + outer, n);
      const outerJEnd = Math.min(outerJ + outer, n);
      for (let i0 = outerI; i0 < outerIEnd; i0 += edge) {
        const i1 = Math.min(i0 + edge, outerIEnd);
        for (let j0 = outerJ; j0 < outerJEnd; j0 += edge) {
          const j1 = Math.min(j0 + edge, outerJEnd);
          for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) dst[j * n + i] = src[i * n + j]!;
        }
      }
    }
  }
}

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
    [TRANSPOSE_TARGET_N, 4],
  ] as const) {
    const { src, dst } = squareMatrix(n);
    const edge = tileEdge(DEFAULT_TRANSPOSE_BLOCK_BYTES);
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
          name: 'bare blocked loop (no strides, no trace test)',
          fn: () => bareBlockedTranspose(dst.data, src.data, n, edge),
        },
      ].map((c) => ({ ...c, opsPerCall: n * n })),
      { rounds },
    );
    const speedup = ratio(
      rows,
      'naive (dst written with stride n)',
      `transposeInto, blockBytes ${DEFAULT_TRANSPOSE_BLOCK_BYTES}`,
    );
    const recursive = ratio(
      rows,
      'naive (dst written with stride n)',
      'transposeIntoRecursive (cache-oblivious)',
    );
    const overhead = ratio(
      rows,
      `transposeInto, blockBytes ${DEFAULT_TRANSPOSE_BLOCK_BYTES}`,
      'bare blocked loop (no strides, no trace test)',
    );
    parts.push(
      `### transpose ${n}×${n} f64 (${(n * n * 8) / 2 ** 20} MiB per matrix), ns per element`,
      '',
      table(rows),
      '',
      n === TRANSPOSE_TARGET_N
        ? `- Target: blocked ≥ 3× faster than naive on ${n}×${n} — ${speedup.toFixed(2)}×: ${verdict(speedup >= 3)}; cache-oblivious ${recursive.toFixed(2)}×.`
        : `- Blocked vs naive at ${n}×${n} (information: the target is on ${TRANSPOSE_TARGET_N}×${TRANSPOSE_TARGET_N}, below): ${speedup.toFixed(2)}×; cache-oblivious ${recursive.toFixed(2)}×.`,
      `- Tracing off (tested once per tile) plus general strides vs the bare loop, so an upper bound on the tracing-off cost: ${overhead.toFixed(3)}× (< 1.05 wanted): ${verdict(overhead < 1.05)}.`,
      '',
    );
  }
  return parts.join('\n');
}

export default async function (): Promise<BenchSection> {
  return { id: 'collections-transpose', title: 'Collections: transpose', body: await transposeSection() };
}
