/**
 * The access patterns of the seed text's "Access Patterns" section, over `n` elements:
 * sequential; non-wrapping stride 2, 3, 4 (touches every stride-th element, n/stride touches);
 * wrapping stride 1, 5, 17 (index `(i * stride) % n`, n touches); random (index
 * `(i * 37199 + 999331) % n`, n touches).
 */
export const PATTERN_IDS = [
  'sequential',
  'stride-2',
  'stride-3',
  'stride-4',
  'wrap-1',
  'wrap-5',
  'wrap-17',
  'random',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** The multiplier and offset of the text's random pattern. */
export const RANDOM_MULTIPLIER = 37199;
export const RANDOM_OFFSET = 999331;

/** How many elements one pass of `pattern` touches over `n` elements. */
export function touchesPerPass(pattern: PatternId, n: number): number {
  switch (pattern) {
    case 'stride-2':
      return Math.ceil(n / 2);
    case 'stride-3':
      return Math.ceil(n / 3);
    case 'stride-4':
      return Math.ceil(n / 4);
    default:
      return n;
  }
}

/**
 * Writes the indices one pass of `pattern` touches, in order, into a new Int32Array. Index
 * arithmetic is exact (no int32 overflow): wrapping and random indices are computed
 * incrementally modulo `n`.
 */
export function patternIndices(pattern: PatternId, n: number): Int32Array {
  const touches = touchesPerPass(pattern, n);
  const indices = new Int32Array(touches);
  const step =
    pattern === 'wrap-5' ? 5 : pattern === 'wrap-17' ? 17 : pattern === 'random' ? RANDOM_MULTIPLIER : 1;
  switch (pattern) {
    case 'sequential':
    case 'stride-2':
    case 'stride-3':
    case 'stride-4': {
      const stride = pattern === 'sequential' ? 1 : Number(pattern.slice(-1));
      for (let t = 0; t < touches; t++) indices[t] = t * stride;
      return indices;
    }
    default: {
      const increment = step % n;
      let index = pattern === 'random' ? RANDOM_OFFSET % n : 0;
      for (let t = 0; t < touches; t++) {
        indices[t] = index;
        index += increment;
        if (index >= n) index -= n;
      }
      return indices;
    }
  }
}
