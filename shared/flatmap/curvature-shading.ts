/**
 * The curvature background of `make_figure(with_curvature=True)` (pycortex-formats.md §5.1),
 * with pycortex's defaults: normalise over [−0.5, 0.5], threshold at the midpoint, then
 * (n − 0.5)·contrast + brightness → 0.625 for gyri (curvature > 0), 0.375 for sulci.
 */
export interface CurvatureShading {
  contrast: number;
  brightness: number;
  threshold: boolean;
}

export const PYCORTEX_CURVATURE: CurvatureShading = { contrast: 0.25, brightness: 0.5, threshold: true };

export function shadeCurvature(
  vertex: Int32Array,
  curvature: ArrayLike<number>,
  shading: CurvatureShading = PYCORTEX_CURVATURE,
): Float32Array {
  const out = new Float32Array(vertex.length);
  const vmin = -0.5;
  const vmax = 0.5;
  for (let p = 0; p < vertex.length; p++) {
    const v = vertex[p];
    const curv = v < 0 ? NaN : curvature[v];
    if (Number.isNaN(curv)) {
      out[p] = NaN;
      continue;
    }
    let n = (curv - vmin) / (vmax - vmin);
    if (shading.threshold) n = n > 0.5 ? 1 : 0;
    out[p] = (n - 0.5) * shading.contrast + shading.brightness;
  }
  return out;
}
