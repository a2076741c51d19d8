import { useCursor } from '../canvas/cursor-info.js';
import { isDirty, useEditor } from '../state/editor-store.js';

/** The saved/unsaved state, which also describes the Save button while there are unsaved changes. */
export const SAVE_STATE_ID = 'save-state';

/** Under the cursor: hemisphere, vertex, voxel (i, j, k), label and value; then messages. */
export function StatusBar() {
  const info = useCursor((s) => s.info);
  const busy = useEditor((s) => s.busy);
  const notice = useEditor((s) => s.notice);
  const dirty = useEditor(isDirty);
  const subject = useEditor((s) => s.subject);
  const value = info?.value;
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="cursor-info" aria-label="Under the cursor">
        {info ? (
          <>
            <span>{info.hemi ?? 'off cortex'}</span>
            {info.vertex !== null && <span>vertex {info.vertex}</span>}
            {info.voxel && <span>voxel ({info.voxel.join(', ')})</span>}
            {info.label && <span>{info.label}</span>}
            {value !== null && value !== undefined && (
              <span>value {Number.isInteger(value) ? value : value.toPrecision(4)}</span>
            )}
            <span className="muted">
              svg {info.x.toFixed(1)}, {info.y.toFixed(1)}
            </span>
          </>
        ) : (
          <span className="muted">Move over the flatmap</span>
        )}
      </span>
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
