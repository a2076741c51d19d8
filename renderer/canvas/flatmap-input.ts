import { editor } from '../state/editor-store.js';
import type { ScreenBox } from '../state/editor-store.js';
import { isModalOpen } from '../panels/modal-open.js';
import type { CursorReadout } from './cursor-readout.js';
import type { PanDrag } from './pan-drag.js';
import { pannedView, startPan, startsPan } from './pan-drag.js';
import { applyToolOutcome } from './tool-outcome.js';
import type { ToolOutcome, ToolRouter } from './tool-router.js';
import { toolEnv } from './tool-router.js';
import type { ToolPointer } from './tools/tool-types.js';
import type { ViewController } from './view-controller.js';
import { screenBounds, toSvg, wheelZoomFactor, zoomAt } from './view-transform.js';

/**
 * The flatmap's input: pointer, wheel and key events on the stage's element, turned into pans
 * and zooms of the view or into tool events in SVG coordinates. Pan (Space-drag, middle-drag,
 * Pan tool) and wheel zoom work whatever the tool; dialogs and text fields keep their keys.
 */

export interface FlatmapInputParts {
  view: ViewController;
  tools: ToolRouter;
  readout: CursorReadout;
  /** redraw the live layer after the tool's state changed */
  drawPreview: () => void;
}

/** Listens on `host` (and on the window for keys); returns the function that stops listening. */
export function bindFlatmapInput(host: HTMLElement, parts: FlatmapInputParts): () => void {
  const { view, tools, readout, drawPreview } = parts;
  let pan: PanDrag | null = null;
  let spaceHeld = false;

  const env = () => toolEnv(editor.get(), view.current.scale);
  const localPoint = (e: { clientX: number; clientY: number }) => {
    const r = host.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const svgPoint = (e: PointerEvent | MouseEvent): ToolPointer => {
    const p = localPoint(e);
    const [x, y] = toSvg(view.current, p.x, p.y);
    return { x, y, shiftKey: e.shiftKey, altKey: e.altKey };
  };
  const clientBox = (ring: readonly number[]): ScreenBox => {
    const r = host.getBoundingClientRect();
    const b = screenBounds(view.current, ring);
    return { left: r.left + b.left, top: r.top + b.top, right: r.left + b.right, bottom: r.top + b.bottom };
  };
  const handle = (outcome: ToolOutcome | null) => {
    if (!outcome) return;
    applyToolOutcome(outcome, clientBox);
    drawPreview();
  };

  const onPointerDown = (e: PointerEvent) => {
    host.focus();
    const s = editor.get();
    if (!s.subjectData || isModalOpen()) return;
    if (startsPan(e.button, spaceHeld, s.tool)) {
      pan = startPan(e.pointerId, localPoint(e), view.current);
      host.setPointerCapture(e.pointerId);
      host.dataset.panning = 'true';
      e.preventDefault();
      return;
    }
    if (e.button !== 0 || !tools.active()) return;
    host.setPointerCapture(e.pointerId);
    handle(tools.pointerDown(e.pointerId, svgPoint(e), env()));
  };
  const onPointerMove = (e: PointerEvent) => {
    if (pan && e.pointerId === pan.pointerId) {
      view.set(pannedView(pan, view.current, localPoint(e)));
      return;
    }
    readout.track(svgPoint(e));
    // coalesced events keep fast strokes smooth without a redraw per event
    const events = tools.owns(e.pointerId) && e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    if (tools.pointerMove((events.length > 0 ? events : [e]).map(svgPoint), env())) drawPreview();
  };
  const onPointerUp = (e: PointerEvent) => {
    if (pan && e.pointerId === pan.pointerId) {
      pan = null;
      delete host.dataset.panning;
      return;
    }
    handle(tools.pointerUp(e.pointerId, svgPoint(e), env()));
  };
  const onDoubleClick = (e: MouseEvent) => handle(tools.doubleClick(svgPoint(e), env()));
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    if (isModalOpen()) return;
    const p = localPoint(e);
    view.set(zoomAt(view.current, p.x, p.y, wheelZoomFactor(e.deltaY, e.deltaMode)));
  };
  const onContextMenu = (e: MouseEvent) => e.preventDefault();
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
    const routed = tools.keyDown(e.key, env());
    if (!routed) return;
    handle(routed.outcome);
    if (routed.claimed) {
      e.stopPropagation();
      // the name field opens focused: this Enter must not also submit it
      e.preventDefault();
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
  host.addEventListener('contextmenu', onContextMenu);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp);
  return () => {
    host.removeEventListener('pointerdown', onPointerDown);
    host.removeEventListener('pointermove', onPointerMove);
    host.removeEventListener('pointerup', onPointerUp);
    host.removeEventListener('pointercancel', onPointerUp);
    host.removeEventListener('dblclick', onDoubleClick);
    host.removeEventListener('wheel', onWheel);
    host.removeEventListener('contextmenu', onContextMenu);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keyup', onKeyUp);
  };
}
