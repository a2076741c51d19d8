import { Modal } from './Modal.js';

/** The keyboard shortcuts and how drawing works, opened with “?”. */

export const SHORTCUTS: [string, string][] = [
  ['F / P / E / R / H', 'Freehand, Polygon, Edit, Reshape, Pan tool'],
  ['Space + drag, middle-drag', 'Pan with any tool'],
  ['Mouse wheel', 'Zoom around the cursor'],
  ['0', 'Fit the flatmap to the window'],
  ['+ and −', 'Zoom in and out'],
  ['[ and ]', 'Rotate the view 90° (display only; files keep their frame)'],
  ['Ctrl/Cmd+Z', 'Undo'],
  ['Shift+Ctrl/Cmd+Z, Ctrl+Y', 'Redo'],
  ['Ctrl/Cmd+S', 'Save into overlays.svg'],
  ['Esc', 'Cancel the stroke or polygon in progress; close a dialog'],
  ['Enter, double-click', 'Close the polygon'],
  ['Backspace', 'Polygon: remove the last node'],
  ['Alt+click a node, Delete', 'Edit: delete the node'],
  ['Delete', 'Delete the selected ROI (no node active)'],
  ['?', 'This help (again to close)'],
];

export function HelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <Modal
      className="dialog help"
      labelledBy="help-title"
      onEscape={onClose}
      closeKey="?"
      onBackdrop={onClose}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Freehand closes the outline when you release (a sulcus stays an open line). With the Edit tool, drag a
        node or a handle of the node last clicked, press on an outline to insert a node, drag inside the
        selected ROI to move it. The ROI panel's Layer switches to sulci or cutouts. Reshape: with an ROI
        selected, draw from its outline to its outline to cut away or add that stretch. Name an outline like
        an existing ROI to add it as another part (e.g. the other hemisphere).
      </p>
      <div className="dialog-buttons">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
