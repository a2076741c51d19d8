import { useEffect, useRef } from 'react';
import { commit, editor, useEditor } from '../state/editor-store.js';
import { sharpenWhenZoomed } from '../state/session-actions.js';
import type { EditorState, ScreenBox } from '../state/editor-store.js';
import { isModalOpen } from '../panels/modal-open.js';
import { describePoint, useCursor } from './cursor-info.js';
import { FlatmapScene, toCanvas } from './flatmap-scene.js';
import { curvatureRgba } from './raster-images.js';
import { templateRgba } from './template-image.js';
import { EditTool } from './tools/edit-tool.js';
import { FreehandTool } from './tools/freehand-tool.js';
import { PolygonTool } from './tools/polygon-tool.js';
import { ReshapeTool } from './tools/reshape-tool.js';
import type { Tool, ToolEnv, ToolId, ToolResult } from './tools/tool-types.js';
import type { View } from './view-transform.js';
import { centreOn, fitView, toScreen, toSvg, zoomAt } from './view-transform.js';

/**
 * The flatmap stage: mounts the Konva scene, keeps it in step with the store, and turns pointer
 * input into tool events in SVG coordinates. Pan (space-drag, middle-drag, Pan tool) and wheel
 * zoom work whatever the tool.
 */

type DrawingTool = Exclude<ToolId, 'pan'>;

function makeTools(): Record<DrawingTool, Tool> {
  return {
    freehand: new FreehandTool(),
    polygon: new PolygonTool(),
    edit: new EditTool(),
    reshape: new ReshapeTool(),
  };
}

/** The canvas exposes its view for tests and the benchmark (read-only use). */
export interface FlatmapHandle {
  view(): View;
  /** zoom by a factor around the middle of the stage (menu and keyboard zoom) */
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

export function FlatmapView() {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const scene = new FlatmapScene(host, host.clientWidth || 800, host.clientHeight || 600);
    const tools = makeTools();
    let view: View = { x: 0, y: 0, scale: 1, rotation: 0 };
    let pan: { id: number; sx: number; sy: number; vx: number; vy: number } | null = null;
    let spaceHeld = false;
    let pointerId: number | null = null;
    let frameRequested = false;
    let lastPointer: { x: number; y: number } | null = null;

    const activeTool = (): Tool | null => {
      const t = editor.get().tool;
      return t === 'pan' ? null : tools[t];
    };
    const env = (): ToolEnv => {
      const s = editor.get();
      return {
        scale: view.scale,
        doc: s.doc,
        selectedKey: s.selectedKey,
        hiddenKeys: s.hiddenKeys,
        layer: s.drawLayer,
      };
    };
    // an outline waiting for its name stays drawn, highlighted, beside its name dialog
    const drawPreview = () => {
      const pending = editor.get().pendingRing;
      const preview = pending ? { lines: [{ points: pending, closed: true }] } : activeTool()?.preview(env());
      scene.setPreview(preview ?? null, view.scale);
    };
    const screenBox = (ring: readonly number[]): ScreenBox => {
      const r = host.getBoundingClientRect();
      const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = toScreen(view, ring[i], ring[i + 1]);
        box.left = Math.min(box.left, r.left + x);
        box.right = Math.max(box.right, r.left + x);
        box.top = Math.min(box.top, r.top + y);
        box.bottom = Math.max(box.bottom, r.top + y);
      }
      return box;
    };
    const applyView = (next: View) => {
      view = next;
      scene.setView(view);
      drawPreview();
      const g = editor.get().subjectData?.geometry;
      if (g) {
        const { rotation } = editor.get();
        const fitted = fitView(
          g.svgWidth,
          g.svgHeight,
          scene.stage.width(),
          scene.stage.height(),
          rotation,
        ).scale;
        sharpenWhenZoomed(view.scale / fitted);
      }
    };
    const fit = () => {
      const g = editor.get().subjectData?.geometry;
      if (!g) return;
      applyView(
        fitView(g.svgWidth, g.svgHeight, scene.stage.width(), scene.stage.height(), editor.get().rotation),
      );
    };
    window.__roiStudioFlatmap = {
      view: () => view,
      frame: () => {
        const g = editor.get().subjectData?.geometry;
        return { width: g?.svgWidth ?? 0, height: g?.svgHeight ?? 0 };
      },
      setView: applyView,
      scene,
    };

    const handle = (result: ToolResult) => {
      if (result.kind === 'create')
        editor.set({ pendingRing: result.ring, pendingBox: screenBox(result.ring) });
      else if (result.kind === 'change') commit(result.label, result.doc, result.selectKey);
      else if (result.kind === 'select') editor.set({ selectedKey: result.key });
      const tool = activeTool();
      const busy = tool?.isBusy() ?? false;
      if (busy !== editor.get().gestureActive) editor.set({ gestureActive: busy });
      if (tool?.lastProblem) editor.set({ notice: tool.lastProblem });
      drawPreview();
    };
    const localPoint = (e: { clientX: number; clientY: number }) => {
      const r = host.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const svgPoint = (e: PointerEvent | MouseEvent) => {
      const p = localPoint(e);
      const [x, y] = toSvg(view, p.x, p.y);
      return { x, y, shiftKey: e.shiftKey, altKey: e.altKey };
    };
    const updateCursor = () => {
      frameRequested = false;
      const s = editor.get();
      if (!lastPointer || !s.subjectData) return;
      useCursor.setState({ info: describePoint(lastPointer.x, lastPointer.y, s.subjectData, s.template) });
    };

    const onPointerDown = (e: PointerEvent) => {
      host.focus();
      const s = editor.get();
      if (!s.subjectData || isModalOpen()) return;
      if (e.button === 1 || (e.button === 0 && (spaceHeld || s.tool === 'pan'))) {
        const p = localPoint(e);
        pan = { id: e.pointerId, sx: p.x, sy: p.y, vx: view.x, vy: view.y };
        host.setPointerCapture(e.pointerId);
        host.dataset.panning = 'true';
        e.preventDefault();
        return;
      }
      if (e.button !== 0) return;
      const tool = activeTool();
      if (!tool) return;
      pointerId = e.pointerId;
      host.setPointerCapture(e.pointerId);
      handle(tool.pointerDown(svgPoint(e), env()));
    };
    const onPointerMove = (e: PointerEvent) => {
      if (pan && e.pointerId === pan.id) {
        const p = localPoint(e);
        applyView({ ...view, x: pan.vx + p.x - pan.sx, y: pan.vy + p.y - pan.sy });
        return;
      }
      const p = svgPoint(e);
      lastPointer = p;
      if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(updateCursor);
      }
      const tool = activeTool();
      if (!tool) return;
      // coalesced events keep fast strokes smooth without a redraw per event
      const events = pointerId === e.pointerId && e.getCoalescedEvents ? e.getCoalescedEvents() : [];
      for (const ce of events.length > 0 ? events : [e]) tool.pointerMove(svgPoint(ce), env());
      drawPreview();
    };
    const onPointerUp = (e: PointerEvent) => {
      if (pan && e.pointerId === pan.id) {
        pan = null;
        delete host.dataset.panning;
        return;
      }
      if (pointerId !== e.pointerId) return;
      pointerId = null;
      const tool = activeTool();
      if (tool) handle(tool.pointerUp(svgPoint(e), env()));
    };
    const onDoubleClick = (e: MouseEvent) => {
      const tool = activeTool();
      if (tool) handle(tool.doubleClick(svgPoint(e), env()));
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (isModalOpen()) return;
      const p = localPoint(e);
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      applyView(zoomAt(view, p.x, p.y, factor));
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModalOpen()) return;
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
      )
        return;
      if (e.code === 'Space') {
        spaceHeld = true;
        host.dataset.space = 'true';
        if (target === host || target === document.body) e.preventDefault();
        return;
      }
      const tool = activeTool();
      if (tool && ['Escape', 'Enter', 'Backspace', 'Delete'].includes(e.key)) {
        const wasBusy = tool.isBusy();
        const result = tool.keyDown(e.key, env());
        handle(result);
        if (result.kind !== 'none' || wasBusy || e.key === 'Escape') {
          e.stopPropagation();
          // the name field opens focused: this Enter must not also submit it
          e.preventDefault();
        }
      }
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.code === 'Space') {
        spaceHeld = false;
        delete host.dataset.space;
      }
    };

    host.addEventListener('pointerdown', onPointerDown);
    host.addEventListener('pointermove', onPointerMove);
    host.addEventListener('pointerup', onPointerUp);
    host.addEventListener('pointercancel', onPointerUp);
    host.addEventListener('dblclick', onDoubleClick);
    host.addEventListener('wheel', onWheel, { passive: false });
    host.addEventListener('contextmenu', (e) => e.preventDefault());
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp);

    const resize = new ResizeObserver(() => {
      const first = scene.stage.width() <= 1;
      scene.resize(host.clientWidth, host.clientHeight);
      if (first) fit();
      else scene.stage.batchDraw();
    });
    resize.observe(host);

    // keep the scene in step with the store; each part redraws only when its inputs change
    let prev: EditorState | null = null;
    let curvatureCanvas: HTMLCanvasElement | null = null;
    const sync = (s: EditorState) => {
      const newGeometry = s.subjectData?.geometry !== prev?.subjectData?.geometry;
      if (newGeometry) {
        const g = s.subjectData?.geometry;
        scene.setFrame(g?.svgWidth ?? 1, g?.svgHeight ?? 1, g?.boundary ?? []);
        for (const t of Object.values(tools)) t.cancel();
        // the readout described the map that was shown
        lastPointer = null;
        useCursor.setState({ info: null });
      }
      // a curvature computed on first open arrives while the user may already be drawing
      if (newGeometry || s.subjectData?.curvature !== prev?.subjectData?.curvature) {
        curvatureCanvas = s.subjectData?.curvature ? toCanvas(curvatureRgba(s.subjectData.curvature)) : null;
        scene.setCurvature(curvatureCanvas);
      }
      if (s.template !== prev?.template || s.display !== prev?.display) {
        scene.setTemplate(
          s.template ? toCanvas(templateRgba(s.template, s.display)) : null,
          s.display.opacity,
        );
      }
      if (newGeometry || s.clipToCortex !== prev?.clipToCortex) scene.setClipToCortex(s.clipToCortex);
      if (
        s.doc !== prev?.doc ||
        s.selectedKey !== prev?.selectedKey ||
        s.hiddenKeys !== prev?.hiddenKeys ||
        s.showRoiLabels !== prev?.showRoiLabels ||
        s.showRoiColours !== prev?.showRoiColours ||
        s.showSulci !== prev?.showSulci
      ) {
        scene.setRois(s.doc, s.selectedKey, s.hiddenKeys, s.showRoiLabels, s.showRoiColours, s.showSulci);
      }
      if (s.fitRequest !== prev?.fitRequest || s.rotation !== prev?.rotation) fit();
      if (s.zoomRequest && s.zoomRequest !== prev?.zoomRequest)
        applyView(zoomAt(view, scene.stage.width() / 2, scene.stage.height() / 2, s.zoomRequest.factor));
      if (s.centreRequest && s.centreRequest !== prev?.centreRequest) {
        const { x, y } = s.centreRequest;
        applyView(centreOn(view, x, y, scene.stage.width() / 2, scene.stage.height() / 2));
      }
      if (s.tool !== prev?.tool) {
        if (prev) for (const t of Object.values(tools)) t.cancel();
        host.dataset.tool = s.tool;
        if (s.gestureActive) editor.set({ gestureActive: false });
      }
      if (
        s.doc !== prev?.doc ||
        s.selectedKey !== prev?.selectedKey ||
        s.tool !== prev?.tool ||
        s.pendingRing !== prev?.pendingRing
      )
        drawPreview();
      prev = s;
    };
    sync(editor.get());
    const unsubscribe = useEditor.subscribe(sync);

    return () => {
      unsubscribe();
      resize.disconnect();
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp);
      delete window.__roiStudioFlatmap;
      scene.destroy();
    };
  }, []);

  return <div ref={hostRef} className="flatmap" role="application" aria-label="Flatmap" tabIndex={0} />;
}
