/** The five ways of building a vector of n values that the experiment compares. */
import { Vec } from '../../collections/index.js';
import {
  arrayPreallocatedRounds,
  arrayPushRounds,
  vecPushRounds,
  vecReserveRounds,
  vecWithCapacityRounds,
} from './kernels.js';

/** Variant ids, in report order. */
export const VARIANT_IDS = [
  'vec-push',
  'vec-reserve',
  'vec-with-capacity',
  'array-push',
  'array-preallocated',
] as const;
/** One of {@link VARIANT_IDS}. */
export type VariantId = (typeof VARIANT_IDS)[number];

/** What each variant does, in words (for tables and sentences). */
export const VARIANT_DESCRIPTIONS: Readonly<Record<VariantId, string>> = {
  'vec-push': 'Vec.of(Int32Array), then push × n (no reserve)',
  'vec-reserve': 'Vec.of(Int32Array), reserve(n), then push × n',
  'vec-with-capacity': 'Vec.withCapacity(Int32Array, n), then push × n',
  'array-push': '[] then push × n (JS Array, packed small integers)',
  'array-preallocated': 'new Array(n).fill(0) then a[i] = i (JS Array, holey forever)',
};

/** The kernel of a variant: `rounds` fresh vectors of `n` values per call. */
export function variantKernel(variant: VariantId, n: number): (rounds: number) => number {
  switch (variant) {
    case 'vec-push':
      return (rounds) => vecPushRounds(n, rounds);
    case 'vec-reserve':
      return (rounds) => vecReserveRounds(n, rounds);
    case 'vec-with-capacity':
      return (rounds) => vecWithCapacityRounds(n, rounds);
    case 'array-push':
      return (rounds) => arrayPushRounds(n, rounds);
    case 'array-preallocated':
      return (rounds) => arrayPreallocatedRounds(n, rounds);
  }
}

/** Growth counters of one built vector; `null` where the engine does not tell (JS Array). */
export interface GrowthCounters {
  reallocations: number | null;
  bytesCopied: number | null;
  finalCapacity: number | null;
}

/**
 * Builds one vector of `n` values the variant's way and reads the Vec's own counters
 * (reallocations, bytes copied, capacity). V8 does not expose a JS Array's backing-store
 * growth, so those are `null`.
 */
export function growthCounters(variant: VariantId, n: number): GrowthCounters {
  let vec: Vec<Int32Array>;
  switch (variant) {
    case 'vec-push':
      vec = Vec.of(Int32Array);
      break;
    case 'vec-reserve':
      vec = Vec.of(Int32Array);
      vec.reserve(n);
      break;
    case 'vec-with-capacity':
      vec = Vec.withCapacity(Int32Array, n);
      break;
    case 'array-push':
    case 'array-preallocated':
      return { reallocations: null, bytesCopied: null, finalCapacity: null };
  }
  for (let i = 0; i < n; i++) vec.push(i);
  return { reallocations: vec.reallocations, bytesCopied: vec.bytesCopied, finalCapacity: vec.capacity };
}
