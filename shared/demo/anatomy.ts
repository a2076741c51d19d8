/**
 * The demo brain's cortical map, drawn once in "sheet" coordinates (p, w) of one hemisphere:
 * the flat disc of radius 1 whose edge is the medial-wall cut, p = +1 posterior, w = +1
 * dorsal. Folds, sulcus lines and ROI labels are all defined here, so curvature shading,
 * sulci paths and label volumes line up on the flatmap by construction.
 */

export type Point2 = readonly [number, number];

/** Named sulcal fundus lines (open polylines), the same in both hemispheres. */
export const SULCI: readonly { name: string; line: readonly Point2[] }[] = [
  {
    name: 'CentralSulcus',
    line: [
      [0.14, 0.66],
      [0.1, 0.48],
      [0.02, 0.32],
      [-0.02, 0.18],
      [-0.08, 0.06],
    ],
  },
  {
    name: 'LateralFissure',
    line: [
      [-0.38, -0.08],
      [-0.2, -0.06],
      [0.0, -0.03],
      [0.18, 0.02],
      [0.3, 0.1],
    ],
  },
  {
    name: 'SuperiorTemporalSulcus',
    line: [
      [-0.42, -0.3],
      [-0.22, -0.28],
      [0.0, -0.25],
      [0.2, -0.2],
      [0.36, -0.12],
    ],
  },
  {
    name: 'IntraparietalSulcus',
    line: [
      [0.12, 0.4],
      [0.26, 0.36],
      [0.4, 0.3],
      [0.52, 0.22],
    ],
  },
  {
    name: 'CalcarineSulcus',
    line: [
      [0.6, 0.0],
      [0.72, 0.01],
      [0.84, 0.0],
      [0.97, -0.02],
    ],
  },
  {
    name: 'SuperiorFrontalSulcus',
    line: [
      [-0.12, 0.5],
      [-0.3, 0.46],
      [-0.48, 0.4],
      [-0.62, 0.3],
    ],
  },
];

const SULCUS_WIDTH = 0.035;

/** Distance from (p, w) to the nearest sulcus line. */
function sulcusDistance(p: number, w: number): number {
  let best = Infinity;
  for (const { line } of SULCI) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i];
      const [bx, by] = line[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((p - ax) * dx + (w - ay) * dy) / (dx * dx + dy * dy)));
      const d = Math.hypot(p - ax - t * dx, w - ay - t * dy);
      if (d < best) best = d;
    }
  }
  return best;
}

/**
 * Fold height in [−1, 1]: positive on gyral crowns, negative in sulci. Gently wavy gyri
 * everywhere, deep grooves along the named sulci, flat (0) on the medial wall beyond the cut.
 */
export function foldHeight(p: number, w: number): number {
  const r = Math.hypot(p, w);
  const fade = r <= 1 ? 1 : r >= 1.12 ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * (r - 1)) / 0.12);
  const waves = 0.55 * Math.sin(9 * p + 2 * Math.sin(7 * w)) * Math.cos(8 * w + 1.5 * Math.sin(6 * p)) + 0.15;
  const d = sulcusDistance(p, w) / SULCUS_WIDTH;
  const groove = 1.5 * Math.exp(-d * d);
  return fade * Math.max(-1, Math.min(1, waves - groove));
}

export interface LabelSet {
  /** file stem in templates/, e.g. prf-visualrois */
  name: string;
  /** label names for ids 1..N */
  labels: readonly string[];
  /** the label id (0 = none) of a sheet point */
  labelAt(p: number, w: number): number;
}

/** Early visual areas as rings around the calcarine near the occipital pole. */
const V1_CENTRE: Point2 = [0.82, 0];

const visual: LabelSet = {
  name: 'prf-visualrois',
  labels: ['V1v', 'V1d', 'V2v', 'V2d', 'V3v', 'V3d', 'hV4'],
  labelAt(p, w) {
    const dp = V1_CENTRE[0] - p;
    const r = Math.hypot(dp, w - V1_CENTRE[1]);
    const dorsal = w >= 0;
    // angle away from the anterior horizontal meridian, where dorsal and ventral halves meet
    const meridian = Math.abs(Math.atan2(w, dp)) < 0.28;
    if (r < 0.14) return dorsal ? 2 : 1;
    if (meridian) return 0;
    if (r < 0.24) return dorsal ? 4 : 3;
    if (r < 0.33) return dorsal ? 6 : 5;
    if (r < 0.42 && !dorsal) return 7;
    return 0;
  },
};

const blob = (c: Point2, rp: number, rw: number) => (p: number, w: number) =>
  ((p - c[0]) / rp) ** 2 + ((w - c[1]) / rw) ** 2 < 1;

const opa = blob([0.44, 0.34], 0.07, 0.09);
const ppa = blob([0.3, -0.62], 0.1, 0.07);
const rsc = blob([0.56, 0.74], 0.06, 0.08);

const places: LabelSet = {
  name: 'floc-places',
  labels: ['OPA', 'PPA', 'RSC'],
  labelAt: (p, w) => (opa(p, w) ? 1 : ppa(p, w) ? 2 : rsc(p, w) ? 3 : 0),
};

export const LABEL_SETS: readonly LabelSet[] = [visual, places];
