import { join } from 'node:path';
import type { FigureOptions } from '../store/outputs/figures.js';
import { GOLDEN, SHARED_DB } from './shared-data.js';

/**
 * The pycortex tutorial's figure of S1 (golden/S1/make_figure_tutorial.png): `make_figure(vol,
 * with_curvature=True, with_sulci=True, nanmean=True, linewidth=3, labelsize='20pt')`, magma
 * from 100 to 1200, with overlays-rois-sulci.svg as the overlay.
 */
export function tutorialFigure(out: string, cacheDir: string): FigureOptions {
  return {
    subject: 'S1',
    out,
    volume: join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz'),
    transform: 'fullhead',
    overlay: join(GOLDEN, 'S1', 'overlays-rois-sulci.svg'),
    cmap: 'magma',
    vmin: 100,
    vmax: 1200,
    withSulci: true,
    nanmean: true,
    linewidth: 3,
    labelsize: (20 * 4) / 3,
    cacheDir,
  };
}
