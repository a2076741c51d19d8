import type { ScreenBox } from '../state/editor-store.js';

/** Margin (px) between an outline and the dialog beside it, and from the window's edges. */
const GAP = 16;

/**
 * Where a `size` dialog stands beside `box` without covering it: right of it if there is room,
 * else left, else above or below, whichever side has the most room; kept inside the window.
 */
export function placeBeside(
  box: ScreenBox,
  size: { width: number; height: number },
  window: { width: number; height: number },
): { left: number; top: number } {
  const clampX = (x: number) => Math.max(GAP, Math.min(x, window.width - size.width - GAP));
  const clampY = (y: number) => Math.max(GAP, Math.min(y, window.height - size.height - GAP));
  const room = {
    right: window.width - box.right - GAP,
    left: box.left - GAP,
    below: window.height - box.bottom - GAP,
    above: box.top - GAP,
  };
  if (room.right >= size.width + GAP) return { left: box.right + GAP, top: clampY(box.top) };
  if (room.left >= size.width + GAP) return { left: box.left - GAP - size.width, top: clampY(box.top) };
  if (room.below >= room.above) return { left: clampX(box.left), top: clampY(box.bottom + GAP) };
  return { left: clampX(box.left), top: clampY(box.top - GAP - size.height) };
}
