/**
 * The 3-D view's standard camera directions as Niivue's render azimuth/elevation (degrees).
 * Niivue turns the model by −azimuth about the superior axis, then tilts it by elevation: at
 * (0, 0) the camera looks at the back of the head with the subject's left on the left.
 */
export const STANDARD_VIEWS = {
  lateral: null,
  medial: null,
  dorsal: { azimuth: 0, elevation: 90 },
  ventral: { azimuth: 0, elevation: -90 },
  anterior: { azimuth: 180, elevation: 0 },
  posterior: { azimuth: 0, elevation: 0 },
  left: { azimuth: 270, elevation: 0 },
  right: { azimuth: 90, elevation: 0 },
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

/** The vertex of N×3 `points` nearest to `mm`, among merged indices [first, end). */
export function nearestVertex(
  points: Float32Array,
  mm: ArrayLike<number>,
  first = 0,
  end = points.length / 3,
): number {
  let best = -1;
  let bestD = Infinity;
  for (let v = first; v < end; v++) {
    const dx = points[3 * v] - mm[0];
    const dy = points[3 * v + 1] - mm[1];
    const dz = points[3 * v + 2] - mm[2];
    const d = dx * dx + dy * dy + dz * dz;
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}
