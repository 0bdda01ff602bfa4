export {
  compileNativeProgram,
  DEFAULT_NATIVE_CFLAGS,
  type NativeProgram,
  type NativeUnavailable,
  nativeSourcePath,
  prepareNativeProgram,
} from './native-program.js';
export {
  type NativeBandwidthKernel,
  type NativeBandwidthPoint,
  type NativeLatencyPoint,
  type NativeTiming,
  nativeBandwidth,
  nativeLatency,
  nativeSuccessorLines,
  runNative,
} from './native-run.js';
