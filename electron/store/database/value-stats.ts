/** Range and "is this a label map" of loaded values (NaN and ±Infinity ignored). */
export function valueStats(values: Float32Array): { min: number; max: number; integerValued: boolean } {
  let min = Infinity;
  let max = -Infinity;
  let integerValued = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integerValued && v !== Math.round(v)) integerValued = false;
  }
  if (min > max) return { min: NaN, max: NaN, integerValued: false };
  return { min, max, integerValued };
}
