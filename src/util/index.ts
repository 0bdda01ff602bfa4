export { checkInteger, checkPowerOfTwo, UsageError } from './errors.js';
export { Random } from './random.js';
export { formatBytes, parseBytes, parseCount } from './units.js';
