import { editor, useEditor } from '../state/editor-store.js';
import type { EditorState } from '../state/editor-store.js';
import { sharpenWhenZoomed } from '../state/session-actions.js';
import { CursorReadout } from './cursor-readout.js';
import { bindFlatmapInput } from './flatmap-input.js';
import { FlatmapScene } from './flatmap-scene.js';
import { mapChanged, previewIsStale, staleSceneParts } from './scene-changes.js';
import { syncScene } from './scene-sync.js';
import { ToolRouter, toolEnv } from './tool-router.js';
import { ViewController, viewRequests } from './view-controller.js';
import type { View } from './view-transform.js';

/**
 * Puts the flatmap stage into `host` and wires its parts: the Konva scene follows the store
 * (scene-sync), the view follows requests and input (view-controller), input goes to the view
 * or the active tool (flatmap-input, tool-router). Returns the function that takes it all down.
 */

/** The canvas exposes its view for tests and the benchmark (read-only use). */
export interface FlatmapHandle {
  view(): View;
  /** the SVG frame's size (overlays.svg root width/height) */
  frame(): { width: number; height: number };
  setView(view: View): void;
  scene: FlatmapScene;
}

declare global {
  interface Window {
    __roiStudioFlatmap?: FlatmapHandle;
  }
}

export function mountFlatmap(host: HTMLDivElement): () => void {
  const scene = new FlatmapScene(host, host.clientWidth || 800, host.clientHeight || 600);
  const tools = new ToolRouter(() => editor.get().tool);
  const readout = new CursorReadout();
  const frameOf = () => {
    const { subjectData, rotation } = editor.get();
    const g = subjectData?.geometry;
    return g ? { width: g.svgWidth, height: g.svgHeight, rotation } : null;
  };
  const view = new ViewController(scene, frameOf, () => {
    drawPreview();
    const zoom = view.zoomOverFit();
    if (zoom !== null) sharpenWhenZoomed(zoom);
  });
  // an outline waiting for its name stays drawn, highlighted, beside its name dialog
  const drawPreview = () => {
    const s = editor.get();
    const scale = view.current.scale;
    const pending = s.pendingRing;
    scene.setPreview(
      pending ? { lines: [{ points: pending, closed: true }] } : tools.preview(toolEnv(s, scale)),
      scale,
    );
  };

  window.__roiStudioFlatmap = {
    view: () => view.current,
    frame: () => {
      const f = frameOf();
      return { width: f?.width ?? 0, height: f?.height ?? 0 };
    },
    setView: (next) => view.set(next),
    scene,
  };
  const unbindInput = bindFlatmapInput(host, { view, tools, readout, drawPreview });

  const resize = new ResizeObserver(() => {
    const first = scene.stage.width() <= 1;
    scene.resize(host.clientWidth, host.clientHeight);
    if (first) view.fit();
    else scene.stage.batchDraw();
  });
  resize.observe(host);

  let prev: EditorState | null = null;
  const sync = (s: EditorState) => {
    syncScene(scene, s, staleSceneParts(prev, s));
    if (mapChanged(prev, s)) {
      tools.cancelAll();
      readout.clear();
    }
    for (const request of viewRequests(prev, s)) view.apply(request);
    if (s.tool !== prev?.tool) {
      if (prev) tools.cancelAll();
      host.dataset.tool = s.tool;
      if (s.gestureActive) editor.set({ gestureActive: false });
    }
    if (previewIsStale(prev, s)) drawPreview();
    prev = s;
  };
  sync(editor.get());
  const unsubscribe = useEditor.subscribe(sync);

  return () => {
    unsubscribe();
    resize.disconnect();
    unbindInput();
    delete window.__roiStudioFlatmap;
    scene.destroy();
  };
}
