// cachegrind-compatible summary (branch cache-traces).
export {
  CACHEGRIND_EVENTS,
  type CachegrindTotals,
  cachegrindTotals,
  formatCachegrindSummary,
  parseCachegrindOut,
} from './cachegrind-summary.js';
