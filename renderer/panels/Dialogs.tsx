import { useState } from 'react';
import { outlineLabel, type OutlineLabel } from '../canvas/outline-label.js';
import { editor, useEditor } from '../state/editor-store.js';
import { otherNames, namePendingRing } from '../state/roi-actions.js';
import { checkRoiName, freeRoiName, nextRoiName, roiNameFromLabel } from '../../shared/roi/roi-names.js';
import { discardDraft, reloadOverlay, restoreDraft, save } from '../state/session-actions.js';
import { Modal } from './Modal.js';
import { placeBeside } from './place-beside.js';

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

/** The name dialog's size for placing it beside the outline (its CSS width, a generous height). */
const NAME_DIALOG_SIZE = { width: 340, height: 280 };

function NameForm() {
  const layer = useEditor((s) => s.drawLayer);
  const names = otherNames(null, layer);
  // read once: the proposal is made for the outline just drawn
  const [proposal] = useState(() => proposeName(names, layer));
  const box = useEditor((s) => s.pendingBox);
  const [name, setName] = useState(proposal.name);
  const [error, setError] = useState<string | null>(null);
  const joins = names.includes(name.trim());
  const check = joins ? null : checkRoiName(name.trim(), names);

  const submit = () => {
    const e = namePendingRing(name.trim());
    if (e) setError(e);
  };

  const discard = () => editor.set({ pendingRing: null, notice: 'Outline discarded.' });
  const at = box
    ? placeBeside(box, NAME_DIALOG_SIZE, { width: window.innerWidth, height: window.innerHeight })
    : undefined;

  return (
    <Modal className="dialog name" labelledBy="name-title" onEscape={discard} onSubmit={submit} at={at}>
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
      {proposal.label && (
        <p className="hint">
          The outline is {Math.round(proposal.label.share * 100)} % {proposal.label.name} on the template.
        </p>
      )}
      {names.length > 0 && (
        <label className="field">
          <span>Or add to</span>
          <select
            aria-label="Add to an existing ROI"
            value={joins ? name.trim() : ''}
            onChange={(e) => {
              setName(e.target.value || proposal.name);
              setError(null);
            }}
          >
            <option value="">— a new ROI —</option>
            {addCandidates(names, proposal.label?.name).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
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

/** The pending outline's default name: the template label an ROI covers most, else "ROI n". */
function proposeName(
  names: readonly string[],
  layer: keyof typeof NEW_SHAPE_TITLE,
): { name: string; label: OutlineLabel | null } {
  const s = editor.get();
  // a sulcus is a line: it covers no template label
  if (layer !== 'rois') return { name: nextRoiName(names), label: null };
  const g = s.subjectData?.geometry;
  const label =
    s.pendingRing && g ? outlineLabel(s.pendingRing, s.template, s.display, g.svgWidth, g.svgHeight) : null;
  return {
    name: label ? freeRoiName(roiNameFromLabel(label.name), names) : nextRoiName(names),
    label,
  };
}

/** ROIs an outline may join: those named after its label first (its other hemisphere), then the rest. */
function addCandidates(names: readonly string[], label: string | undefined): string[] {
  const base = label ? roiNameFromLabel(label).toLowerCase() : null;
  const related = (n: string) => base !== null && n.toLowerCase().startsWith(base);
  return [...names.filter(related), ...names.filter((n) => !related(n)).sort((a, b) => a.localeCompare(b))];
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
