import type { ToolId } from '../canvas/tools/tool-types.js';
import { editor, isDirty, redoEdit, setTool, undoEdit, useEditor } from '../state/editor-store.js';
import { openExportDialog } from '../state/export-actions.js';
import { save } from '../state/session-actions.js';
import { toggleSurfacePanel, useSurfacePanel } from '../surface/surface-panel.js';
import { SAVE_STATE_ID } from './StatusBar.js';

/** Tools, history and save; names match the accessible names the tests and screen readers use. */

const TOOLS: { id: ToolId; label: string; key: string; hint: string }[] = [
  { id: 'freehand', label: 'Freehand', key: 'F', hint: 'Draw a closed outline freehand' },
  { id: 'polygon', label: 'Polygon', key: 'P', hint: 'Click nodes; double-click or Enter closes' },
  { id: 'edit', label: 'Edit', key: 'E', hint: 'Select, drag nodes, insert, delete, move ROIs' },
  { id: 'reshape', label: 'Reshape', key: 'R', hint: 'Redraw part of the selected outline (erase / extend)' },
  { id: 'pan', label: 'Pan', key: 'H', hint: 'Drag to pan (or hold Space, or drag with the middle button)' },
];

export function Toolbar({ onHelp }: { onHelp: () => void }) {
  const tool = useEditor((s) => s.tool);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const dirty = useEditor(isDirty);
  const canSave = useEditor((s) => s.overlay !== null);
  const hasSubject = useEditor((s) => s.subjectData !== null);
  const surfaceOpen = useSurfacePanel((s) => s.open);

  return (
    <div className="toolbar" role="toolbar" aria-label="Tools">
      <div className="group">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-pressed={tool === t.id}
            title={`${t.hint} (${t.key})`}
            disabled={!hasSubject}
            onClick={() => setTool(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="group">
        <button type="button" disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" onClick={() => undoEdit()}>
          Undo
        </button>
        <button type="button" disabled={!canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" onClick={() => redoEdit()}>
          Redo
        </button>
        {/* the accessible name stays "Save"; unsaved changes are its description (the status bar's state) and title */}
        <button
          type="button"
          className={dirty ? 'primary' : ''}
          disabled={!canSave}
          title={`Save${dirty ? ' unsaved changes' : ''} to overlays.svg (Ctrl/Cmd+S)`}
          aria-describedby={dirty ? SAVE_STATE_ID : undefined}
          onClick={() => void save()}
        >
          Save
          {dirty && <span aria-hidden="true"> •</span>}
        </button>
        <button
          type="button"
          disabled={!canSave}
          title="Export the saved ROIs: vertex lists, FreeSurfer labels, NIfTI masks, figures"
          onClick={() => openExportDialog()}
        >
          Export…
        </button>
      </div>
      <div className="group">
        <button
          type="button"
          aria-label="Fit"
          title="Fit the flatmap to the window (0)"
          disabled={!hasSubject}
          onClick={() => editor.set({ fitRequest: editor.get().fitRequest + 1 })}
        >
          Fit
        </button>
        <button
          type="button"
          aria-label="Rotate left"
          title="Rotate the view 90° left ([)"
          disabled={!hasSubject}
          onClick={() => rotate(-90)}
        >
          ⟲
        </button>
        <button
          type="button"
          aria-label="Rotate right"
          title="Rotate the view 90° right (])"
          disabled={!hasSubject}
          onClick={() => rotate(90)}
        >
          ⟳
        </button>
        <button
          type="button"
          aria-pressed={surfaceOpen}
          title="The cortex in 3-D beside the flatmap, linked to it"
          disabled={!hasSubject}
          onClick={toggleSurfacePanel}
        >
          3-D view
        </button>
        <button type="button" aria-label="Help" title="Keyboard shortcuts (?)" onClick={onHelp}>
          ?
        </button>
      </div>
    </div>
  );
}

/** One zoom step in or out about the centre of the view (menu and keyboard). */
export function zoomStep(direction: 'in' | 'out'): void {
  editor.set({ zoomRequest: { factor: direction === 'in' ? 1.25 : 0.8 } });
}

export function rotate(by: 90 | -90): void {
  const r = (editor.get().rotation + by + 360) % 360;
  editor.set({ rotation: r as 0 | 90 | 180 | 270 });
}
