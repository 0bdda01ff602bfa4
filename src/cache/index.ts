/**
 * softmem/cache: a cache-hierarchy simulator (any associativity and set count, five
 * replacement policies, write and inclusion policies, 3C classification, reuse distances,
 * AMAT) with an exact cachegrind compatibility mode.
 */
export { CachegrindCache, CachegrindSimulator } from './cachegrind.js';
export {
  type CachegrindCacheSpec,
  cachegrindConfig,
  hierarchyFromMachine,
  type MachineOverrides,
  validateConfig,
} from './config.js';
export { amat, CacheHierarchy } from './hierarchy.js';
export {
  createPolicy,
  FifoPolicy,
  LruPolicy,
  PlruPolicy,
  RandomPolicy,
  type ReplacementPolicy,
  SRRIP_MAX_RRPV,
  SrripPolicy,
} from './policy.js';
export { ReuseDistanceTracker } from './reuse.js';
export {
  type HierarchyConfig,
  type HierarchyStats,
  type InclusionPolicy,
  type Latencies,
  type LevelConfig,
  type LevelStats,
  POLICY_NAMES,
  type PolicyName,
  type ReuseHistogram,
  type WritePolicy,
} from './types.js';
