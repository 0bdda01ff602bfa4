import { Random } from '../../util/random.js';

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
 * Writes the indices one pass of `pattern` touches, in order, into a new Int32Array, or into
 * the start of `into` (returning that part of it) when it is long enough: reusing one buffer
 * saves fresh memory's page faults, which cost ~6 µs per 4 KiB page on the 2-vCPU VM
 * (0.8 s for 128 MiB of indices, 2026-11-26). Index arithmetic is exact (no int32 overflow):
 * wrapping and random indices are computed incrementally modulo `n`.
 */
export function patternIndices(pattern: PatternId, n: number, into?: Int32Array): Int32Array {
  const touches = touchesPerPass(pattern, n);
  const indices = indexBuffer(touches, into);
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

/**
 * Patterns of the memory-isolated sweep: the text's eight, then `random-formula`. There the
 * indices are precomputed, so how they were generated costs nothing, and `random` is what the
 * text describes — "we randomly select an element to access the same amount of times as the
 * number of elements" — n uniform, seeded choices. `random-formula` keeps the text code's
 * index `(i * 37199 + 999331) % n`: beyond 37 199 elements it is one constant stride of
 * 145 KiB (mod n), which the memory system serves faster than random (9.3 vs 13.2 ns per touch
 * at 128 MiB in a standalone run on the 2-vCPU machine, 2026-11-26), so both are measured.
 */
export const ISOLATED_PATTERN_IDS = [...PATTERN_IDS, 'random-formula'] as const;
export type IsolatedPatternId = (typeof ISOLATED_PATTERN_IDS)[number];

/**
 * Writes the indices one pass of an isolated-sweep `pattern` touches into a new Int32Array:
 * `random` draws n indices uniformly from [0, n) with a generator seeded by `seed` (the same
 * list for the same seed), `random-formula` is {@link patternIndices}'s `random`, and the rest
 * are {@link patternIndices}'s; `into` as there.
 */
export function isolatedIndices(
  pattern: IsolatedPatternId,
  n: number,
  seed: number,
  into?: Int32Array,
): Int32Array {
  if (pattern === 'random-formula') return patternIndices('random', n, into);
  if (pattern !== 'random') return patternIndices(pattern, n, into);
  const indices = indexBuffer(n, into);
  const random = new Random(seed);
  for (let t = 0; t < n; t++) indices[t] = random.below(n);
  return indices;
}

/** The first `length` entries of `into` when it is long enough, else a new array. */
function indexBuffer(length: number, into: Int32Array | undefined): Int32Array {
  return into !== undefined && into.length >= length ? into.subarray(0, length) : new Int32Array(length);
}
