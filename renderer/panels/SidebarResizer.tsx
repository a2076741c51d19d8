import { useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

/** The sidebar's width range (px): room for the pickers at least, most of the window at most. */
export const SIDEBAR_MIN = 220;
export const SIDEBAR_MAX = 600;
const SIDEBAR_DEFAULT = 300;
const KEY_STEP = 20;
const STORAGE_KEY = 'roi-studio.sidebar-width';

function clampWidth(w: number): number {
  return Math.round(Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, w)));
}

/** The sidebar width the user last chose. */
export function useSidebarWidth(): [number, (w: number) => void] {
  const [width, setWidth] = useState(() => {
    try {
      const saved = Number(localStorage.getItem(STORAGE_KEY));
      return saved > 0 ? clampWidth(saved) : SIDEBAR_DEFAULT;
    } catch {
      return SIDEBAR_DEFAULT;
    }
  });
  const set = (w: number) => {
    const next = clampWidth(w);
    setWidth(next);
    try {
      localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // private windows may refuse storage: the width holds for this session
    }
  };
  return [width, set];
}

/** The drag handle between the sidebar and the flatmap; arrow keys resize it too. */
export function SidebarResizer({ width, onResize }: { width: number; onResize: (w: number) => void }) {
  const [drag, setDrag] = useState<{ x: number; width: number } | null>(null);
  return (
    <div
      className="sidebar-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Sidebar width"
      aria-valuenow={width}
      aria-valuemin={SIDEBAR_MIN}
      aria-valuemax={SIDEBAR_MAX}
      tabIndex={0}
      data-dragging={drag ? '' : undefined}
      onPointerDown={(e: PointerEvent<HTMLDivElement>) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ x: e.clientX, width });
      }}
      onPointerMove={(e) => {
        if (drag) onResize(drag.width + e.clientX - drag.x);
      }}
      onPointerUp={() => setDrag(null)}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'ArrowLeft') onResize(width - KEY_STEP);
        else if (e.key === 'ArrowRight') onResize(width + KEY_STEP);
        else return;
        e.preventDefault();
      }}
    />
  );
}
