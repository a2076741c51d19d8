/**
 * The 3-D view's standard camera directions as Niivue's render azimuth/elevation (degrees): at
 * (0, 0) the camera looks at the back of the head with the subject's left on the left; azimuth
 * 90 looks at the subject's left side, 180 at the face, 270 at the right side; elevation 90
 * looks down on the top of the head. (e2e/surface-view.spec.ts checks each on a rendered frame.)
 */
export const STANDARD_VIEWS = {
  lateral: null,
  medial: null,
  dorsal: { azimuth: 0, elevation: 90 },
  ventral: { azimuth: 0, elevation: -90 },
  anterior: { azimuth: 180, elevation: 0 },
  posterior: { azimuth: 0, elevation: 0 },
  left: { azimuth: 90, elevation: 0 },
  right: { azimuth: 270, elevation: 0 },
} as const;

export type StandardView = keyof typeof STANDARD_VIEWS;

export interface Camera {
  azimuth: number;
  elevation: number;
}

/**
 * Lateral and medial depend on the hemisphere in view: lateral of the left hemisphere is the
 * left view, its medial side is seen from the right (with the other hemisphere hidden).
 */
export function cameraFor(view: StandardView, hemi: 'lh' | 'rh'): Camera {
  const fixed = STANDARD_VIEWS[view];
  if (fixed) return fixed;
  const outward = hemi === 'lh' ? STANDARD_VIEWS.left : STANDARD_VIEWS.right;
  const inward = hemi === 'lh' ? STANDARD_VIEWS.right : STANDARD_VIEWS.left;
  return view === 'lateral' ? outward : inward;
}

/**
 * Screen position (CSS px, from the canvas' top left) and depth of vertex v under a column-major
 * model-view-projection matrix, for a canvas `width`×`height` CSS px; null behind the camera.
 */
export function projectPoint(
  mvp: ArrayLike<number>,
  points: Float32Array,
  v: number,
  width: number,
  height: number,
): [number, number, number] | null {
  const x = points[3 * v];
  const y = points[3 * v + 1];
  const z = points[3 * v + 2];
  const w = mvp[3] * x + mvp[7] * y + mvp[11] * z + mvp[15];
  if (!(w > 0)) return null;
  const cx = (mvp[0] * x + mvp[4] * y + mvp[8] * z + mvp[12]) / w;
  const cy = (mvp[1] * x + mvp[5] * y + mvp[9] * z + mvp[13]) / w;
  const cz = (mvp[2] * x + mvp[6] * y + mvp[10] * z + mvp[14]) / w;
  return [((cx + 1) / 2) * width, ((1 - cy) / 2) * height, cz];
}

/**
 * The vertex drawn at CSS point (sx, sy): among vertices of [first, end) projecting within
 * `radius` px, the one nearest the camera (smallest depth); −1 when none.
 */
export function pickVertex(
  mvp: ArrayLike<number>,
  points: Float32Array,
  sx: number,
  sy: number,
  width: number,
  height: number,
  first = 0,
  end = points.length / 3,
  radius = 3,
): number {
  let best = -1;
  let bestDepth = Infinity;
  for (let v = first; v < end; v++) {
    const p = projectPoint(mvp, points, v, width, height);
    if (!p || Math.abs(p[0] - sx) > radius || Math.abs(p[1] - sy) > radius) continue;
    if (p[2] < bestDepth) {
      bestDepth = p[2];
      best = v;
    }
  }
  return best;
}
