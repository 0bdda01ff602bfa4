/**
 * softmem/cache: a cache-hierarchy simulator (any associativity and set count, five
 * replacement policies, write and inclusion policies, 3C classification, reuse distances,
 * AMAT) with an exact cachegrind compatibility mode.
 */

export { amat } from './amat.js';
export { CachegrindCache, CachegrindSimulator } from './cachegrind.js';
export {
  CACHEGRIND_DEFAULT_CACHES,
  type CachegrindCacheSpec,
  type CachegrindCaches,
  cachegrindConfig,
  hierarchyFromMachine,
  type MachineOverrides,
  validateConfig,
} from './config.js';
// Trace file formats (branch cache-traces).
export {
  appendChunk,
  BINARY_HEADER_BYTES,
  BINARY_MAGIC,
  BINARY_VERSION,
  BinaryEncoder,
  BinaryParser,
  ByteBuffer,
  type ConvertTraceOptions,
  checkReadable,
  checkTraceFormat,
  convertTrace,
  createEncoder,
  createParser,
  DEFAULT_CHUNK_LENGTH,
  DinEncoder,
  DinParser,
  encodeTrace,
  formatFromContent,
  formatFromFileName,
  LackeyEncoder,
  LackeyParser,
  parseLackeyLineSlowly,
  parseTraceBytes,
  parseTraceStream,
  type ReadTraceOptions,
  readTrace,
  TRACE_FORMATS,
  type TraceEncoder,
  TraceFileWriter,
  type TraceFormat,
  type TraceParser,
  TraceStreamParser,
  writeTrace,
  XdinEncoder,
  XdinParser,
} from './formats/index.js';
export { CacheHierarchy, type HierarchyOptions, type SimulationPath } from './hierarchy.js';
export { STREAM_CAPACITY } from './lru-stream.js';
// The pipelined WebAssembly engine (threads: 2; branch lru-threads).
export { PIPELINE_MIN_ACCESSES, PIPELINE_SEGMENT_ENTRIES, PIPELINE_SEGMENTS } from './lru-wasm-threads.js';
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
