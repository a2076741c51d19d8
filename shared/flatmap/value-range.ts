/**
 * pycortex's default colour limits for a volume or vertex map (pycortex-formats.md §5.2): the
 * 1st and 99th percentiles (numpy's linear interpolation) of the data with NaN counted as 0.
 */
export function pycortexDefaultRange(values: ArrayLike<number>): [number, number] {
  const sorted = Float64Array.from(values, (v) =>
    Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v,
  ).sort();
  return [percentile(sorted, 1), percentile(sorted, 99)];
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** True when every finite value is an integer: a label template, drawn crisp. */
export function isIntegerValued(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && !Number.isInteger(v)) return false;
  }
  return true;
}
