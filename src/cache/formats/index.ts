export { BINARY_HEADER_BYTES, BINARY_MAGIC, BINARY_VERSION, BinaryEncoder, BinaryParser } from './binary.js';
export { ByteBuffer } from './byte-buffer.js';
export { DinEncoder, DinParser, XdinEncoder, XdinParser } from './din.js';
export { LackeyEncoder, LackeyParser, parseLackeyLineSlowly } from './lackey.js';
export {
  appendChunk,
  checkReadable,
  DEFAULT_CHUNK_LENGTH,
  parseTraceBytes,
  parseTraceStream,
  type ReadTraceOptions,
  readTrace,
  TraceStreamParser,
} from './read.js';
export {
  checkTraceFormat,
  createEncoder,
  createParser,
  formatFromContent,
  formatFromFileName,
} from './registry.js';
export { TRACE_FORMATS, type TraceEncoder, type TraceFormat, type TraceParser } from './types.js';
export { type ConvertTraceOptions, convertTrace, encodeTrace, TraceFileWriter, writeTrace } from './write.js';
