/** Number formatting for the experiments' sentences. */

/** `1.23`, `12.3`, `123`: three significant digits, no exponent. */
export function ns(value: number): string {
  if (value >= 100) return value.toFixed(0);
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `1.02` for ratios. */
export function times(value: number): string {
  return value.toFixed(2);
}
