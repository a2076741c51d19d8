/**
 * Display-only view of the SVG frame: screen = T + R(rotation)·scale·p. Rotation comes in 90°
 * steps (flats imported rotated, pycortex #488); files are always written in the SVG frame.
 */

export interface View {
  x: number;
  y: number;
  scale: number;
  rotation: 0 | 90 | 180 | 270;
}

function rot(rotation: number): [number, number] {
  switch (rotation) {
    case 90:
      return [0, 1];
    case 180:
      return [-1, 0];
    case 270:
      return [0, -1];
    default:
      return [1, 0];
  }
}

export function toScreen(view: View, px: number, py: number): [number, number] {
  const [c, s] = rot(view.rotation);
  const x = view.scale * px;
  const y = view.scale * py;
  return [view.x + c * x - s * y, view.y + s * x + c * y];
}

export function toSvg(view: View, sx: number, sy: number): [number, number] {
  const [c, s] = rot(view.rotation);
  const dx = sx - view.x;
  const dy = sy - view.y;
  return [(c * dx + s * dy) / view.scale, (-s * dx + c * dy) / view.scale];
}

/** Zoom by `factor` keeping the SVG point under (sx, sy) fixed on screen. */
export function zoomAt(view: View, sx: number, sy: number, factor: number, min = 0.05, max = 200): View {
  const scale = Math.max(min, Math.min(max, view.scale * factor));
  const [px, py] = toSvg(view, sx, sy);
  const moved = { ...view, scale };
  const [qx, qy] = toScreen(moved, px, py);
  return { ...moved, x: view.x + sx - qx, y: view.y + sy - qy };
}

/** The SVG point (px, py) moved to the screen point (sx, sy), scale and rotation kept. */
export function centreOn(view: View, px: number, py: number, sx: number, sy: number): View {
  const [qx, qy] = toScreen(view, px, py);
  return { ...view, x: view.x + sx - qx, y: view.y + sy - qy };
}

/** The whole `width`×`height` SVG frame centred in a `vw`×`vh` viewport with a margin. */
export function fitView(
  width: number,
  height: number,
  vw: number,
  vh: number,
  rotation: View['rotation'],
  margin = 16,
): View {
  const turned = rotation === 90 || rotation === 270;
  const w = turned ? height : width;
  const h = turned ? width : height;
  const scale = Math.max(0.01, Math.min((vw - 2 * margin) / w, (vh - 2 * margin) / h));
  const base: View = { x: 0, y: 0, scale, rotation };
  const [cx, cy] = toScreen(base, width / 2, height / 2);
  return { ...base, x: vw / 2 - cx, y: vh / 2 - cy };
}

/** The zoom factor of one wheel step: lines (deltaMode 1) step further than pixels. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  return Math.exp(-deltaY * (deltaMode === 1 ? 0.05 : 0.0015));
}

/** The screen rectangle around an SVG polyline (x, y pairs), in the same pixels as the view. */
export function screenBounds(
  view: View,
  points: readonly number[],
): { left: number; top: number; right: number; bottom: number } {
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = toScreen(view, points[i], points[i + 1]);
    box.left = Math.min(box.left, x);
    box.right = Math.max(box.right, x);
    box.top = Math.min(box.top, y);
    box.bottom = Math.max(box.bottom, y);
  }
  return box;
}
