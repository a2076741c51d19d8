import type { RoiDocument } from '../../state/roi-document.js';
import { pathFromRing } from '../../state/roi-document.js';
import type { Tool, ToolEnv, ToolResult } from './tool-types.js';

/** Test helpers: a document with square ROIs and a pointer that drives a tool like a user. */

export function squareDoc(...squares: [key: string, x: number, y: number, size: number][]): RoiDocument {
  return {
    rois: squares.map(([key, x, y, s]) => ({
      key,
      name: key.toUpperCase(),
      savedName: key.toUpperCase(),
      paths: [pathFromRing([x, y, x + s, y, x + s, y + s, x, y + s])],
      pathsChanged: false,
      normalise: false,
      issues: [],
    })),
  };
}

export function env(doc: RoiDocument, selectedKey: string | null = null, scale = 1): ToolEnv {
  return { doc, selectedKey, scale };
}

/** Press at the first point, move through the rest, release at the last. */
export function drag(
  tool: Tool,
  e: ToolEnv,
  points: [number, number][],
  mods: { altKey?: boolean } = {},
): ToolResult[] {
  const out: ToolResult[] = [];
  const [first, ...rest] = points;
  out.push(tool.pointerDown({ x: first[0], y: first[1], ...mods }, e));
  for (const [x, y] of rest.slice(0, -1)) out.push(tool.pointerMove({ x, y }, e));
  const last = rest.length > 0 ? rest[rest.length - 1] : first;
  out.push(tool.pointerMove({ x: last[0], y: last[1] }, e));
  out.push(tool.pointerUp({ x: last[0], y: last[1] }, e));
  return out;
}

export function circle(cx: number, cy: number, r: number, n: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i <= n; i++)
    pts.push([cx + r * Math.cos((i / n) * 2 * Math.PI), cy + r * Math.sin((i / n) * 2 * Math.PI)]);
  return pts;
}
