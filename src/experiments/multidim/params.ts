import { checkInteger, UsageError } from '../../util/errors.js';

/** Parameters of the `multidim` experiment. */
export interface MultidimParams {
  /** Cube edges n (n × n × n Int32 elements). */
  edges: number[];
  /** Sweeps over the cube per measurement, as the text's 1 000 iterations (scaled by the harness). */
  iterations: number;
  /** Timed samples per point. */
  samples: number;
  /** Stack size of the sandbox running the stack-allocated variant, bytes (the text: the default). */
  stackBytes: number;
}

/** Full and quick defaults; the default stack is the sandbox's 1 MiB. */
export const MULTIDIM_DEFAULTS: { full: MultidimParams; quick: MultidimParams } = {
  full: { edges: [16, 32, 64, 128], iterations: 1000, samples: 7, stackBytes: 1024 * 1024 },
  quick: { edges: [16, 32, 64, 128], iterations: 10, samples: 3, stackBytes: 1024 * 1024 },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkMultidimParams(params: MultidimParams): void {
  if (!Array.isArray(params.edges) || params.edges.length === 0) {
    throw new UsageError('multidim edges must list at least one cube edge');
  }
  for (const edge of params.edges) checkInteger('multidim edges[]', edge, 1, 512);
  checkInteger('multidim iterations', params.iterations, 1, 1e9);
  checkInteger('multidim samples', params.samples, 1, 1000);
  checkInteger('multidim stackBytes', params.stackBytes, 4096, 256 * 1024 * 1024);
}
