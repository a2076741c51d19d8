import type { ToolId } from './tools/tool-types.js';
import type { View } from './view-transform.js';

/**
 * Dragging the view: the middle button always pans, and so does the left button with Space
 * held or with the Pan tool, whatever tool is active. Points are in stage pixels.
 */

export interface PanDrag {
  pointerId: number;
  /** where the drag started, and the view's offset then */
  start: { x: number; y: number };
  from: { x: number; y: number };
}

export function startsPan(button: number, spaceHeld: boolean, tool: ToolId): boolean {
  return button === 1 || (button === 0 && (spaceHeld || tool === 'pan'));
}

export function startPan(pointerId: number, at: { x: number; y: number }, view: View): PanDrag {
  return { pointerId, start: { x: at.x, y: at.y }, from: { x: view.x, y: view.y } };
}

/** The view moved with the pointer: the SVG point grabbed stays under it. */
export function pannedView(drag: PanDrag, view: View, at: { x: number; y: number }): View {
  return { ...view, x: drag.from.x + at.x - drag.start.x, y: drag.from.y + at.y - drag.start.y };
}
