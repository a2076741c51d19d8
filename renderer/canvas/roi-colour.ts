import { labelLut } from '../../shared/flatmap/colormaps.js';

/** A stable colour per ROI name (same name, same colour across sessions), from the categorical palette. */
export function roiColour(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  const lut = labelLut();
  const k = 4 * (1 + ((h >>> 0) % 255));
  return `rgb(${lut[k]},${lut[k + 1]},${lut[k + 2]})`;
}
