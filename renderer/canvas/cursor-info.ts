import { create } from 'zustand';
import type { Hemi } from '../../shared/api.js';
import type { SubjectData, TemplateData } from '../state/editor-store.js';

/**
 * What lies under the pointer, for the status bar (a store of its own: it changes every frame):
 * `info` under the flatmap's pointer, `surface` under the 3-D view's.
 */

export interface CursorInfo {
  x: number;
  y: number;
  hemi: Hemi | null;
  vertex: number | null;
  voxel: [number, number, number] | null;
  value: number | null;
  label: string | null;
}

export const useCursor = create<{ info: CursorInfo | null; surface: CursorInfo | null }>()(() => ({
  info: null,
  surface: null,
}));

/** Raster pixel of an SVG point: the quickflat grid spans the frame with inclusive endpoints. */
export function rasterPixel(
  x: number,
  y: number,
  svgWidth: number,
  svgHeight: number,
  width: number,
  height: number,
): number | null {
  const c = Math.round((x / svgWidth) * (width - 1));
  const r = Math.round((y / svgHeight) * (height - 1));
  if (c < 0 || r < 0 || c >= width || r >= height) return null;
  return r * width + c;
}

export function describePoint(
  x: number,
  y: number,
  subject: SubjectData,
  template: TemplateData | null,
): CursorInfo {
  const g = subject.geometry;
  const info: CursorInfo = { x, y, hemi: null, vertex: null, voxel: null, value: null, label: null };
  const vm = subject.vertexMap;
  if (vm) {
    const p = rasterPixel(x, y, g.svgWidth, g.svgHeight, vm.width, vm.height);
    const v = p === null ? -1 : vm.vertex[p];
    if (v >= 0) {
      info.hemi = v < g.nL ? 'lh' : 'rh';
      info.vertex = v < g.nL ? v : v - g.nL;
    }
  }
  if (template?.kind === 'vertex') {
    const vm2 = template.vertexMap;
    const p = rasterPixel(x, y, g.svgWidth, g.svgHeight, vm2.width, vm2.height);
    const v = p === null ? -1 : vm2.vertex[p];
    if (v >= 0) {
      const value = template.vertexData.values[v];
      info.value = value;
      const entry = (template.vertexData.labels ?? template.info.labels)?.find((l) => l.index === value);
      if (entry) info.label = entry.name;
    }
  } else if (template) {
    const pm = template.pixelMap;
    const p = rasterPixel(x, y, g.svgWidth, g.svgHeight, pm.width, pm.height);
    const vox = p === null ? -1 : pm.mid[p];
    if (vox >= 0) {
      const [nx, ny] = template.volume.dims;
      info.voxel = [vox % nx, Math.floor(vox / nx) % ny, Math.floor(vox / (nx * ny))];
      const value = template.volume.values[vox];
      info.value = value;
      const entry = (template.volume.labels ?? template.info.labels)?.find((l) => l.index === value);
      if (entry) info.label = entry.name;
    }
  }
  return info;
}
