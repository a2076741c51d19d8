import type { EditorState } from '../state/editor-store.js';
import type { FlatmapScene } from './flatmap-scene.js';
import { toCanvas } from './flatmap-scene.js';
import { curvatureRgba } from './raster-images.js';
import type { ScenePart } from './scene-changes.js';
import { templateRgba } from './template-image.js';

/** Redraws the stale parts of the scene from the store (see scene-changes.ts for which are). */
export function syncScene(scene: FlatmapScene, s: EditorState, stale: ReadonlySet<ScenePart>): void {
  const subject = s.subjectData;
  if (stale.has('frame')) {
    const g = subject?.geometry;
    scene.setFrame(g?.svgWidth ?? 1, g?.svgHeight ?? 1, g?.boundary ?? []);
  }
  if (stale.has('curvature'))
    scene.setCurvature(subject?.curvature ? toCanvas(curvatureRgba(subject.curvature)) : null);
  if (stale.has('template'))
    scene.setTemplate(s.template ? toCanvas(templateRgba(s.template, s.display)) : null, s.display.opacity);
  if (stale.has('clip')) scene.setClipToCortex(s.clipToCortex);
  if (stale.has('rois'))
    scene.setRois(s.doc, s.selectedKey, s.hiddenKeys, s.showRoiLabels, s.showRoiColours, s.showSulci);
}
