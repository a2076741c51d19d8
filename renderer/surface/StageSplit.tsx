import type { ReactNode } from 'react';
import { useRef } from 'react';
import { setSurfaceShare, useSurfacePanel } from './surface-panel.js';
import { SurfaceView } from './SurfaceView.js';

/** The flatmap, and when the 3-D view is on, the 3-D panel beside it with a draggable divider. */
export function StageSplit({ children }: { children: ReactNode }) {
  const { open, share } = useSurfacePanel();
  const host = useRef<HTMLDivElement>(null);
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
      <div className="stage-flat" style={{ flexBasis: open ? `${(1 - share) * 100}%` : '100%' }}>
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
