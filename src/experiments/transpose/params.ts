import { DEFAULT_TRANSPOSE_BLOCK_BYTES } from '../../collections/index.js';
import { checkInteger, UsageError } from '../../util/errors.js';

/** Parameters of the `transpose` experiment. */
export interface TransposeParams {
  /** Matrix edges (square f64 matrices of edge × edge). */
  edges: number[];
  /** Tile size of the blocked transpose, bytes (default: the collections' benchmarked default). */
  blockBytes: number;
  /** Timed samples per point. */
  samples: number;
  /** Simulate only matrices up to this edge (larger ones are reported without simulated misses). */
  simulateMaxEdge: number;
}

/** Full and quick defaults. */
export const TRANSPOSE_DEFAULTS: { full: TransposeParams; quick: TransposeParams } = {
  full: {
    edges: [256, 512, 1024, 2048, 4096],
    blockBytes: DEFAULT_TRANSPOSE_BLOCK_BYTES,
    samples: 7,
    simulateMaxEdge: 4096,
  },
  quick: {
    edges: [256, 1024, 2048],
    blockBytes: DEFAULT_TRANSPOSE_BLOCK_BYTES,
    samples: 3,
    simulateMaxEdge: 1024,
  },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkTransposeParams(params: TransposeParams): void {
  if (!Array.isArray(params.edges) || params.edges.length === 0) {
    throw new UsageError('transpose edges must list at least one matrix edge');
  }
  for (const edge of params.edges) checkInteger('transpose edges[]', edge, 2, 16384);
  checkInteger('transpose blockBytes', params.blockBytes, 8, 1 << 24);
  checkInteger('transpose samples', params.samples, 1, 1000);
  checkInteger('transpose simulateMaxEdge', params.simulateMaxEdge, 0, 16384);
}
