import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { editor } from '../state/editor-store.js';
import { setSurfaceShare, useSurfacePanel } from './surface-panel.js';
import { SurfaceView } from './SurfaceView.js';

/** The flatmap, and when the 3-D view is on, the 3-D panel beside it with a draggable divider. */
export function StageSplit({ children }: { children: ReactNode }) {
  const { open, share } = useSurfacePanel();
  const host = useRef<HTMLDivElement>(null);
  const flat = useRef<HTMLDivElement>(null);
  useRefitOnSplit(flat);
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      const r = host.current!.getBoundingClientRect();
      setSurfaceShare((r.right - m.clientX) / r.width);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <div className="stage-split" ref={host}>
      <div className="stage-flat" ref={flat} style={{ flexBasis: open ? `${(1 - share) * 100}%` : '100%' }}>
        {children}
      </div>
      {open && (
        <>
          <div
            className="stage-divider"
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize the 3-D view"
            onPointerDown={onPointerDown}
          />
          <div className="stage-surface" style={{ flexBasis: `${share * 100}%` }}>
            <SurfaceView />
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Opening, closing or resizing the 3-D panel changes the flatmap's room: fit the flatmap to it
 * (a window resize leaves the user's view as it is). The flatmap resizes its stage in its own
 * resize observer; the fit waits a frame so it always sees the new size.
 */
function useRefitOnSplit(flat: React.RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    let fitted = useSurfacePanel.getState();
    let frame = 0;
    const resize = new ResizeObserver(() => {
      const now = useSurfacePanel.getState();
      if (now.open === fitted.open && now.share === fitted.share) return;
      fitted = now;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => editor.set({ fitRequest: editor.get().fitRequest + 1 }));
    });
    resize.observe(flat.current!);
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flat]);
}
