/**
 * The summary valgrind's cachegrind prints at exit, reproduced character for character (its
 * column widths, thousands separators and its own `%f` rounding), so that `softmem simulate`
 * and `valgrind --tool=cachegrind` can be diffed line by line. Layout from valgrind 3.19
 * `cachegrind/cg_main.c` (`cg_fini`).
 */
import type { HierarchyStats, LevelStats } from '../cache/index.js';

/** Cachegrind's nine event totals (the `events:` line of a `cachegrind.out` file). */
export interface CachegrindTotals {
  /** Instruction fetches, I1 misses, LL misses caused by fetches. */
  Ir: number;
  I1mr: number;
  ILmr: number;
  /** Data reads (loads and modifies), D1 read misses, LL read misses. */
  Dr: number;
  D1mr: number;
  DLmr: number;
  /** Data writes, D1 write misses, LL write misses. */
  Dw: number;
  D1mw: number;
  DLmw: number;
}

/** The order of the events in a cachegrind out file's `events:` line. */
export const CACHEGRIND_EVENTS: readonly (keyof CachegrindTotals)[] = [
  'Ir',
  'I1mr',
  'ILmr',
  'Dr',
  'D1mr',
  'DLmr',
  'Dw',
  'D1mw',
  'DLmw',
];

/**
 * Cachegrind's totals from a hierarchy's statistics. I1 is the instruction level (or the top
 * level when L1 is unified), D1 the top data level, LL the last level (or, with no level below
 * L1, the L1 misses themselves: they all go to memory). Exact for a `compat: 'cachegrind'`
 * hierarchy; for others the LL columns are the last level's own counts.
 */
export function cachegrindTotals(stats: HierarchyStats): CachegrindTotals {
  const levels = stats.levels;
  const topLevels = Math.max(1, stats.topLevels);
  const instruction = levels[0];
  const data = levels[topLevels - 1];
  if (instruction === undefined || data === undefined)
    throw new RangeError('a hierarchy has at least one level');
  const last: LevelStats | undefined = levels.length > topLevels ? levels[levels.length - 1] : undefined;
  return {
    Ir: instruction.fetchAccesses,
    I1mr: instruction.fetchMisses,
    ILmr: last === undefined ? instruction.fetchMisses : last.fetchMisses,
    Dr: data.readAccesses,
    D1mr: data.readMisses,
    DLmr: last === undefined ? data.readMisses : last.readMisses,
    Dw: data.writeAccesses,
    D1mw: data.writeMisses,
    DLmw: last === undefined ? data.writeMisses : last.writeMisses,
  };
}

/** valgrind's `ULong_width`: digits plus room for thousands separators. */
function countWidth(value: number): number {
  let digits = 0;
  for (let n = value; n > 0; n = Math.floor(n / 10)) digits++;
  if (digits === 0) digits = 1;
  return digits + Math.floor((digits - 1) / 3);
}

/** valgrind's `%,Nllu`: thousands separators, right-aligned in `width`. */
function count(value: number, width: number): string {
  const grouped = String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return grouped.padStart(width);
}

/**
 * valgrind's own `%N.Pf` (m_debuglog.c): truncate to P digits, round up only when the rest is
 * strictly above one half, then pad to `width`.
 */
function rate(value: number, precision: number, width: number): string {
  let integral = Math.trunc(value);
  const fraction = value - integral;
  const factor = 10 ** precision;
  let fractionDigits = Math.trunc(fraction * factor);
  if (fraction * factor - fractionDigits > 0.5) fractionDigits += 1;
  if (fractionDigits === factor) integral += 1;
  fractionDigits %= factor;
  const text =
    precision === 0 ? String(integral) : `${integral}.${String(fractionDigits).padStart(precision, '0')}`;
  return text.padStart(width);
}

/**
 * The summary lines cachegrind prints with `--cache-sim=yes`, each starting with `prefix`
 * (cachegrind's is `==PID== `). Ends with a newline.
 *
 * @example
 * ```ts
 * formatCachegrindSummary(cachegrindTotals(hierarchy.stats()), `==${process.pid}== `);
 * // ==4242== I   refs:      113,091
 * // ==4242== I1  misses:        426 …
 * ```
 */
export function formatCachegrindSummary(totals: CachegrindTotals, prefix = `==${process.pid}== `): string {
  const { I1mr, ILmr, Dr, D1mr, DLmr, Dw, D1mw, DLmw } = totals;
  let { Ir } = totals;
  const l1 = countWidth(Ir);
  const l2 = countWidth(Dr);
  const l3 = countWidth(Dw);
  const lines: string[] = [];
  const one = (label: string, value: number) => lines.push(`${label} ${count(value, l1)}`);
  const three = (label: string, total: number, read: number, write: number) =>
    lines.push(`${label} ${count(total, l1)}  (${count(read, l2)} rd   + ${count(write, l3)} wr)`);
  const rates = (label: string, total: number, read: number, write: number) =>
    lines.push(`${label} ${rate(total, 1, l1)}% (${rate(read, 1, l2)}%     + ${rate(write, 1, l3)}%  )`);

  one('I   refs:     ', Ir);
  one('I1  misses:   ', I1mr);
  one('LLi misses:   ', ILmr);
  if (Ir === 0) Ir = 1;
  lines.push(`I1  miss rate: ${rate((I1mr * 100) / Ir, 2, l1)}%`);
  lines.push(`LLi miss rate: ${rate((ILmr * 100) / Ir, 2, l1)}%`);
  lines.push('');

  let dTotal = Dr + Dw;
  three('D   refs:     ', dTotal, Dr, Dw);
  three('D1  misses:   ', D1mr + D1mw, D1mr, D1mw);
  three('LLd misses:   ', DLmr + DLmw, DLmr, DLmw);
  // cachegrind replaces zero denominators by 1 from here on, LL miss rate included.
  if (dTotal === 0) dTotal = 1;
  const dRead = Dr === 0 ? 1 : Dr;
  const dWrite = Dw === 0 ? 1 : Dw;
  rates('D1  miss rate:', ((D1mr + D1mw) * 100) / dTotal, (D1mr * 100) / dRead, (D1mw * 100) / dWrite);
  rates('LLd miss rate:', ((DLmr + DLmw) * 100) / dTotal, (DLmr * 100) / dRead, (DLmw * 100) / dWrite);
  lines.push('');

  three('LL refs:      ', D1mr + D1mw + I1mr, D1mr + I1mr, D1mw);
  three('LL misses:    ', DLmr + DLmw + ILmr, DLmr + ILmr, DLmw);
  rates(
    'LL miss rate: ',
    ((DLmr + DLmw + ILmr) * 100) / (Ir + dTotal),
    ((DLmr + ILmr) * 100) / (Ir + dRead),
    (DLmw * 100) / dWrite,
  );
  return lines.map((line) => `${prefix}${line}\n`).join('');
}

/**
 * Reads the totals from a cachegrind out file (`cachegrind.out.PID`): its `events:` and
 * `summary:` lines. Throws a RangeError when they are missing or lack an event.
 */
export function parseCachegrindOut(text: string): CachegrindTotals {
  const events = /^events:\s*(.+)$/m.exec(text)?.[1]?.trim().split(/\s+/);
  const summary = /^summary:\s*(.+)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (events === undefined || summary === undefined) {
    throw new RangeError('not a cachegrind out file: no events: or summary: line');
  }
  const totals: Partial<CachegrindTotals> = {};
  for (const name of CACHEGRIND_EVENTS) {
    const index = events.indexOf(name);
    const value = summary[index];
    if (index < 0 || value === undefined || !Number.isFinite(value)) {
      throw new RangeError(`cachegrind out file has no ${name} total (run with --cache-sim=yes)`);
    }
    totals[name] = value;
  }
  return totals as CachegrindTotals;
}
