import { colormapLut, grayLut, labelLut } from './colormaps.js';
import { colourise, colouriseLabels, drawOver } from './compose.js';

/**
 * A still flatmap picture: the grey curvature background (matplotlib `gray`, 0…1) with the data
 * drawn over it, NaN transparent — what `make_figure(with_curvature=True)` shows, without
 * overlays or colour bar.
 */
export interface PictureLayers {
  width: number;
  height: number;
  curvature?: Float32Array;
  data: Float32Array;
  /** 'labels' for a crisp label image, else a continuous colour map id */
  colormap: string;
  vmin: number;
  vmax: number;
}

export function flatmapPicture(p: PictureLayers): Uint8ClampedArray {
  const n = p.width * p.height;
  const under = p.curvature ? colourise(p.curvature, grayLut(), 0, 1) : new Uint8ClampedArray(4 * n);
  const over =
    p.colormap === 'labels'
      ? colouriseLabels(p.data, labelLut())
      : colourise(p.data, colormapLut(p.colormap), p.vmin, p.vmax);
  return drawOver(under, over);
}
