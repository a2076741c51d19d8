import type { EditorState } from '../state/editor-store.js';
import type { View } from './view-transform.js';
import { centreOn, fitView, zoomAt } from './view-transform.js';

/**
 * The stage's one current view. Every change goes through set(), which moves the scene and
 * tells the owner (preview redraw, sharper rasters when zoomed in); fit, zoom steps and
 * centring are measured against the stage's size at the time.
 */

/** What the controller moves: the scene's view and the stage it measures. */
export interface ViewTarget {
  setView(view: View): void;
  readonly stage: { width(): number; height(): number };
}

/** The SVG frame and its display rotation, or null while no subject is open. */
export type FrameOf = () => { width: number; height: number; rotation: View['rotation'] } | null;

/** A view change the store asks for (menus, keys, the 3-D view). */
export type ViewRequest =
  { kind: 'fit' } | { kind: 'zoom'; factor: number } | { kind: 'centre'; x: number; y: number };

export class ViewController {
  private shown: View = { x: 0, y: 0, scale: 1, rotation: 0 };

  constructor(
    private readonly target: ViewTarget,
    private readonly frameOf: FrameOf,
    private readonly onChange: (view: View) => void,
  ) {}

  get current(): View {
    return this.shown;
  }

  set(next: View): void {
    this.shown = next;
    this.target.setView(next);
    this.onChange(next);
  }

  /** The view that shows the whole frame, or null while no subject is open. */
  fitted(): View | null {
    const f = this.frameOf();
    return f
      ? fitView(f.width, f.height, this.target.stage.width(), this.target.stage.height(), f.rotation)
      : null;
  }

  /** How far the view is zoomed beyond the fitted one (1 = fitted), or null with no subject. */
  zoomOverFit(): number | null {
    const fitted = this.fitted();
    return fitted ? this.shown.scale / fitted.scale : null;
  }

  fit(): void {
    const fitted = this.fitted();
    if (fitted) this.set(fitted);
  }

  apply(request: ViewRequest): void {
    if (request.kind === 'fit') this.fit();
    else if (request.kind === 'zoom') this.set(zoomAt(this.shown, ...this.middle(), request.factor));
    else this.set(centreOn(this.shown, request.x, request.y, ...this.middle()));
  }

  private middle(): [number, number] {
    return [this.target.stage.width() / 2, this.target.stage.height() / 2];
  }
}

/** The view changes a store update asks for, in order; everything on the first update (null prev). */
export function viewRequests(
  prev: Pick<EditorState, 'fitRequest' | 'rotation' | 'zoomRequest' | 'centreRequest'> | null,
  s: Pick<EditorState, 'fitRequest' | 'rotation' | 'zoomRequest' | 'centreRequest'>,
): ViewRequest[] {
  const requests: ViewRequest[] = [];
  if (s.fitRequest !== prev?.fitRequest || s.rotation !== prev?.rotation) requests.push({ kind: 'fit' });
  if (s.zoomRequest && s.zoomRequest !== prev?.zoomRequest)
    requests.push({ kind: 'zoom', factor: s.zoomRequest.factor });
  if (s.centreRequest && s.centreRequest !== prev?.centreRequest)
    requests.push({ kind: 'centre', x: s.centreRequest.x, y: s.centreRequest.y });
  return requests;
}
