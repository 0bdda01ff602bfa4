export { replay, TraceBuffer, TraceCounter, TraceStream } from './buffer.js';
export {
  ACCESS_KIND_NAMES,
  AccessKind,
  type ChunkConsumer,
  MAX_ADDRESS,
  type TraceChunk,
  type TraceSink,
} from './types.js';
