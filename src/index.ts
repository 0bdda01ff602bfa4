/**
 * softmem: the CPU memory hierarchy made visible, measurable and usable.
 * Each module has its own entry point (`softmem/trace`, `softmem/measure`, …); this root
 * entry re-exports the shared base only.
 */
export {
  checkInteger,
  checkPowerOfTwo,
  formatBytes,
  parseBytes,
  parseCount,
  Random,
  UsageError,
} from './util/index.js';
