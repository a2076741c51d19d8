import { useState } from 'react';
import { editor, useEditor } from '../state/editor-store.js';
import { otherNames, namePendingRing } from '../state/roi-actions.js';
import { checkRoiName, nextRoiName } from '../../shared/roi/roi-names.js';
import { discardDraft, reloadOverlay, restoreDraft, save } from '../state/session-actions.js';
import { Modal } from './Modal.js';

/** Modal questions: the new ROI's name, the stale-file conflict, and problems. */

export function NameDialog() {
  const pending = useEditor((s) => s.pendingRing !== null);
  if (!pending) return null;
  return <NameForm />;
}

const NEW_SHAPE_TITLE = {
  rois: 'Name the new ROI',
  sulci: 'Name the new sulcus',
  cutouts: 'Name the new cutout',
};

function NameForm() {
  const layer = useEditor((s) => s.drawLayer);
  const names = otherNames(null, layer);
  const selected = useEditor((s) => s.doc.rois.find((r) => r.key === s.selectedKey)?.name);
  const [name, setName] = useState(() => nextRoiName(names));
  const [error, setError] = useState<string | null>(null);
  const joins = names.includes(name.trim());
  const check = joins ? null : checkRoiName(name.trim(), names);

  const submit = () => {
    const e = namePendingRing(name.trim());
    if (e) setError(e);
  };

  const discard = () => editor.set({ pendingRing: null, notice: 'Outline discarded.' });

  return (
    <Modal labelledBy="name-title" onEscape={discard} onSubmit={submit}>
      <h2 id="name-title">{NEW_SHAPE_TITLE[layer]}</h2>
      <label className="field">
        <span>ROI name</span>
        <input
          aria-label="ROI name"
          autoFocus
          value={name}
          onFocus={(e) => e.target.select()}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
      </label>
      {joins ? (
        <p className="hint">
          Adds this outline as another part of “{name.trim()}” (e.g. its other hemisphere).
        </p>
      ) : (
        check &&
        !check.ok &&
        name.length > 0 && (
          <p className="field-error" role="alert">
            {check.reason}
          </p>
        )
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        {selected && !joins && (
          <button type="button" onClick={() => setName(selected)}>
            Add to {selected}
          </button>
        )}
        <button type="button" onClick={discard}>
          Discard
        </button>
        <button type="submit" className="primary" disabled={!joins && check !== null && !check.ok}>
          {joins ? 'Add part' : 'Create ROI'}
        </button>
      </div>
    </Modal>
  );
}

export function ConflictDialog() {
  const conflict = useEditor((s) => s.conflict);
  const path = useEditor((s) => s.overlay?.path ?? '');
  const [target, setTarget] = useState('');
  const problem = useEditor((s) => s.problem);
  if (!conflict) return null;
  const suggestion = path.replace(/\.svg$/, '') + '.mine.svg';
  const cancel = () => editor.set({ conflict: null });
  return (
    <Modal role="alertdialog" labelledBy="conflict-title" onEscape={cancel}>
      <h2 id="conflict-title">overlays.svg changed on disk</h2>
      <p>{conflict}</p>
      <p>
        Someone (or another program) saved this subject’s overlay after you opened it. Reload it to see their
        version (your unsaved changes are dropped), or save your version as a separate file.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save(target.trim() || suggestion);
        }}
      >
        <input
          aria-label="Save as file"
          placeholder={suggestion}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <button type="submit">Save as</button>
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {problem.title}: {problem.message}
        </p>
      )}
      <div className="dialog-buttons">
        {/* the choice that loses nothing has the focus */}
        <button type="button" onClick={cancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void reloadOverlay()}>
          Reload from disk
        </button>
      </div>
    </Modal>
  );
}

export function ProblemBanner() {
  const problem = useEditor((s) => s.problem);
  if (!problem) return null;
  return (
    <div className="banner problem" role="alert">
      <strong>{problem.title}.</strong> <span>{problem.message}</span>
      <button type="button" aria-label="Dismiss" onClick={() => editor.set({ problem: null })}>
        ×
      </button>
    </div>
  );
}

export function DraftBanner() {
  const draft = useEditor((s) => s.draftOffer);
  if (!draft) return null;
  return (
    <div className="banner draft" role="status">
      <span>
        Unsaved changes to {draft.subject} from {new Date(draft.savedAt).toLocaleString()} were found (
        {draft.edits.length} edit{draft.edits.length === 1 ? '' : 's'}).
      </span>
      <button type="button" onClick={restoreDraft}>
        Restore
      </button>
      <button type="button" onClick={discardDraft}>
        Discard
      </button>
    </div>
  );
}
