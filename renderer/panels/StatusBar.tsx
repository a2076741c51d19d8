import { useCursor, type CursorInfo } from '../canvas/cursor-info.js';
import { isDirty, useEditor } from '../state/editor-store.js';
import { useSurfacePanel } from '../surface/surface-panel.js';

/** The saved/unsaved state, which also describes the Save button while there are unsaved changes. */
export const SAVE_STATE_ID = 'save-state';

/** Hemisphere, vertex, voxel (i, j, k), label and value under one pointer. */
function CursorReadout({ info }: { info: CursorInfo }) {
  const value = info.value;
  return (
    <>
      <span>{info.hemi ?? 'off cortex'}</span>
      {info.vertex !== null && <span>vertex {info.vertex}</span>}
      {info.voxel && <span>voxel ({info.voxel.join(', ')})</span>}
      {info.label && <span>{info.label}</span>}
      {value !== null && <span>value {Number.isInteger(value) ? value : value.toPrecision(4)}</span>}
      <span className="muted">
        svg {info.x.toFixed(1)}, {info.y.toFixed(1)}
      </span>
    </>
  );
}

/**
 * Under the flatmap's pointer and, while the 3-D view is open, under its pointer: hemisphere,
 * vertex, voxel (i, j, k), label and value; then messages.
 */
export function StatusBar() {
  const info = useCursor((s) => s.info);
  const surface = useCursor((s) => s.surface);
  const surfaceOpen = useSurfacePanel((s) => s.open);
  const busy = useEditor((s) => s.busy);
  const notice = useEditor((s) => s.notice);
  const dirty = useEditor(isDirty);
  const subject = useEditor((s) => s.subject);
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="cursor-info" aria-label="Under the cursor">
        {surfaceOpen && <span className="muted">Flatmap</span>}
        {info ? <CursorReadout info={info} /> : <span className="muted">Move over the flatmap</span>}
      </span>
      {surfaceOpen && (
        <span className="cursor-info" aria-label="Under the 3-D cursor">
          <span className="muted">3-D</span>
          {surface ? <CursorReadout info={surface} /> : <span className="muted">Move over the 3-D view</span>}
        </span>
      )}
      <span className="status-message" role="status">
        {busy ?? notice ?? ''}
      </span>
      {/* nothing is saved or unsaved before a subject is open */}
      {subject && (
        <span id={SAVE_STATE_ID} className={dirty ? 'dirty' : 'saved'}>
          {dirty ? 'Unsaved changes' : 'Saved'}
        </span>
      )}
    </footer>
  );
}
