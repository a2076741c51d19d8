import { useState } from 'react';
import { editor, toggleHidden, useEditor, useSavedMembership } from '../state/editor-store.js';
import { deleteRoi, normaliseRoi, renameRoi, restoreSidecarRois } from '../state/roi-actions.js';
import { countRoi } from '../state/roi-counts.js';
import type { ShapeLayer } from '../../shared/api.js';
import { layerOf, type Roi } from '../state/roi-document.js';
import { roiColour } from '../canvas/roi-colour.js';
import { Panel } from './Panel.js';

const LAYER_TITLE: Record<ShapeLayer, string> = { rois: 'ROIs', sulci: 'Sulci', cutouts: 'Cutouts' };

/**
 * The shapes of the layer chosen here (ROIs, sulci or cutouts: the one drawn into and edited):
 * select, show/hide, vertex counts, pycortex warnings, rename, delete.
 */
export function RoiList() {
  const doc = useEditor((s) => s.doc);
  const layer = useEditor((s) => s.drawLayer);
  const shapes = doc.rois.filter((r) => layerOf(r) === layer);
  const selectedKey = useEditor((s) => s.selectedKey);
  const hidden = useEditor((s) => s.hiddenKeys);
  const geometry = useEditor((s) => s.subjectData?.geometry ?? null);
  const saved = useSavedMembership((s) => s.byName);
  const showNames = useEditor((s) => s.showRoiLabels);
  const showSulci = useEditor((s) => s.showSulci);
  const clip = useEditor((s) => s.clipToCortex);
  const colours = useEditor((s) => s.showRoiColours);
  // offered once the subject's overlay is loaded (so the restored ROIs cannot be replaced by it),
  // and only when the sidecar holds ROIs it lacks or whose vertices the flatmap no longer gives
  const restorable = useEditor((s) =>
    s.overlay?.subject === s.subject ? (s.overlay.sidecarRestore?.length ?? 0) : 0,
  );

  return (
    <Panel
      id="roi"
      className="roi-panel"
      heading={
        <>
          {LAYER_TITLE[layer]} <span className="count">{shapes.length}</span>
        </>
      }
    >
      <label className="field layer-choice">
        <span>Layer</span>
        <select
          aria-label="Layer"
          value={layer}
          onChange={(e) => editor.set({ drawLayer: e.target.value as ShapeLayer, selectedKey: null })}
        >
          <option value="rois">ROIs</option>
          <option value="sulci">Sulci (open lines)</option>
          <option value="cutouts">Cutouts</option>
        </select>
      </label>
      <div className="view-toggles" role="group" aria-label="ROI display">
        <label>
          <input
            type="checkbox"
            checked={showNames}
            onChange={() => editor.set({ showRoiLabels: !showNames })}
          />{' '}
          Names
        </label>
        <label>
          <input
            type="checkbox"
            checked={colours}
            onChange={() => editor.set({ showRoiColours: !colours })}
          />{' '}
          Colours
        </label>
        <label>
          <input type="checkbox" checked={showSulci} onChange={() => editor.set({ showSulci: !showSulci })} />{' '}
          Sulci
        </label>
        <label title="Hide outline and sulcus strokes off the cortex, as pycortex's figures do (names stay)">
          <input type="checkbox" checked={clip} onChange={() => editor.set({ clipToCortex: !clip })} /> Clip
          to cortex
        </label>
      </div>
      {restorable > 0 && (
        <button
          type="button"
          className="restore-sidecar"
          title={`Re-draw ${restorable} ROI${restorable === 1 ? '' : 's'} recorded in overlays.roi-studio.json that the overlay lacks or whose vertices the current flatmap no longer gives (after pycortex re-imported or rotated it)`}
          onClick={() => void restoreSidecarRois()}
        >
          Restore ROIs from sidecar
        </button>
      )}
      {shapes.length === 0 ? (
        <p className="hint">
          No {LAYER_TITLE[layer].toLowerCase()} yet. Choose Freehand or Polygon and draw on the flatmap.
        </p>
      ) : (
        <ul className={`roi-list${colours ? ' with-colours' : ''}`} aria-label="ROI list">
          {shapes.map((roi) => (
            <RoiRow
              key={roi.key}
              roi={roi}
              selected={roi.key === selectedKey}
              hidden={hidden.has(roi.key)}
              count={geometry && !roi.layer ? countRoi(roi, geometry, saved) : null}
              colour={colours ? roiColour(roi.name) : null}
            />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function RoiRow({
  roi,
  selected,
  hidden,
  count,
  colour,
}: {
  roi: Roi;
  colour: string | null;
  selected: boolean;
  hidden: boolean;
  count: ReturnType<typeof countRoi> | null;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(roi.name);
  const [problem, setProblem] = useState<string | null>(null);
  const issues = roi.normalise || roi.pathsChanged ? [] : roi.issues;
  const changed = roi.pathsChanged || roi.savedName !== roi.name;

  const finishRename = () => {
    const error = renameRoi(roi.key, draft.trim());
    if (error) setProblem(error);
    else {
      setEditing(false);
      setProblem(null);
    }
  };

  return (
    <li
      className={`roi-row${selected ? ' selected' : ''}`}
      aria-label={`ROI ${roi.name}`}
      data-roi={roi.name}
    >
      {colour && (
        <span
          className="swatch"
          aria-hidden="true"
          ref={(el) => el?.style.setProperty('background', colour)}
        />
      )}
      <input
        type="checkbox"
        aria-label={`Show ${roi.name}`}
        checked={!hidden}
        onChange={() => toggleHidden(roi.key)}
      />
      {editing ? (
        <form
          className="rename"
          onSubmit={(e) => {
            e.preventDefault();
            finishRename();
          }}
        >
          <input
            aria-label="New ROI name"
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setEditing(false);
                setProblem(null);
              }
            }}
          />
          {problem && (
            <span className="field-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      ) : (
        <button
          type="button"
          className="roi-name"
          aria-pressed={selected}
          title={roi.name}
          onClick={() => editor.set({ selectedKey: selected ? null : roi.key })}
          onDoubleClick={() => {
            setDraft(roi.name);
            setEditing(true);
          }}
        >
          {roi.name}
          {changed && (
            <span className="changed" title="changed since the last save">
              •
            </span>
          )}
        </button>
      )}
      <span className="vertex-count" aria-label={`Vertices of ${roi.name}`}>
        {count === null ? '' : 'error' in count ? '⚠ unreadable' : `${count.lh} lh · ${count.rh} rh`}
      </span>
      <span className="row-actions">
        <button
          type="button"
          aria-label={`Rename ${roi.name}`}
          title="Rename"
          onClick={() => {
            setDraft(roi.name);
            setEditing(true);
          }}
        >
          ✎
        </button>
        <button
          type="button"
          aria-label={`Delete ${roi.name}`}
          title="Delete"
          onClick={() => deleteRoi(roi.key)}
        >
          ✕
        </button>
      </span>
      {count && 'error' in count && (
        <p className="roi-issue">pycortex cannot read this path: {count.error}</p>
      )}
      {issues.length > 0 && (
        <div className="roi-issue">
          {issues.map((i) => (
            <p key={i.code + i.message}>⚠ {i.message}</p>
          ))}
          {issues.some((i) => i.fixable) && (
            <button type="button" onClick={() => normaliseRoi(roi.key)}>
              Normalise
            </button>
          )}
        </div>
      )}
    </li>
  );
}
