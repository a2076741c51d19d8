/** A display range for continuous data: the 1st and 99th percentiles of the finite values (as pycortex's default). */
export function suggestRange(values: Float32Array, maxSamples = 200_000): [number, number] {
  const step = Math.max(1, Math.floor(values.length / maxSamples));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (Number.isFinite(v)) sample.push(v);
  }
  if (sample.length === 0) return [0, 1];
  sample.sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = q * (sample.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sample.length - 1, lo + 1);
    return sample[lo] + (sample[hi] - sample[lo]) * (pos - lo);
  };
  const lo = at(0.01);
  const hi = at(0.99);
  return lo === hi ? [lo, lo + 1] : [lo, hi];
}
