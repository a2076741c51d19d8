import { useMemo, useState } from 'react';
import { LIMITS } from '../../shared/api-limits.js';
import type { ExportKind, ExportResult, FigureLook } from '../../shared/api.js';
import { isFigureKind } from '../../shared/api-schema.js';
import { isLabelTemplate } from '../canvas/template-image.js';
import { isDirty, useEditor } from '../state/editor-store.js';
import { useDialogAction } from './use-dialog-action.js';
import {
  closeExportDialog,
  defaultExportFolder,
  EXPORT_KINDS,
  outPathForKind,
  runExport,
  useExportDialog,
} from '../state/export-actions.js';
import { savedRoiNames } from '../state/roi-document.js';
import { save } from '../state/session-actions.js';
import { downloadUrl } from '../../shared/download-url.js';
import { Modal } from './Modal.js';

/** Export the saved ROIs: vertex lists, FreeSurfer labels, NIfTI masks, or a figure. */
export function ExportDialog() {
  const open = useExportDialog((s) => s.open);
  return open ? <ExportForm /> : null;
}

function ExportForm() {
  const chosenOut = useExportDialog((s) => s.out);
  const subject = useEditor((s) => s.subject) ?? '';
  const database = useEditor((s) => s.database?.path ?? '');
  const transform = useEditor((s) => s.transform);
  const template = useEditor((s) => s.template);
  const dirty = useEditor(isDirty);
  const overlay = useEditor((s) => s.overlay);
  const savedNames = useMemo(() => (overlay ? savedRoiNames(overlay) : []), [overlay]);
  // exports are of ROIs: a selected sulcus or cutout is not one
  const selected = useEditor((s) => s.doc.rois.find((r) => r.key === s.selectedKey && !r.layer) ?? null);
  const onServer = typeof window !== 'undefined' && !window.roiStudioShell;
  const display = useEditor((s) => s.display);
  const showSulci = useEditor((s) => s.showSulci);
  const showRoiLabels = useEditor((s) => s.showRoiLabels);

  const [kind, setKind] = useState<ExportKind>('json');
  const [which, setWhich] = useState<'all' | 'selected'>(() => (selected?.savedName ? 'selected' : 'all'));
  const [out, setOut] = useState(() => chosenOut ?? defaultExportFolder(database, subject));
  const [dpi, setDpi] = useState(100);
  const [withTemplate, setWithTemplate] = useState(true);
  const { running, error, setError, run } = useDialogAction();
  const [result, setResult] = useState<ExportResult | null>(null);

  const selectedName = selected?.savedName ?? null;
  const volumeTemplate = template?.kind === 'volume' ? template : null;
  const needsTransform = kind === 'nifti' || (isFigureKind(kind) && withTemplate && volumeTemplate !== null);
  const noRois = which === 'all' ? savedNames.length === 0 : selectedName === null;
  const canRun = !running && out.trim() !== '' && !noRois && (!needsTransform || transform !== null);
  const withData = isFigureKind(kind) && withTemplate && volumeTemplate !== null;
  // the figure looks as the flatmap does: its colour map, range and opacity, its sulci and names
  const continuous = withData && !isLabelTemplate(volumeTemplate, display);
  const look: FigureLook = {
    withSulci: showSulci,
    withLabels: showRoiLabels,
    ...(withData ? { opacity: display.opacity } : {}),
    ...(continuous ? { cmap: display.colormap, vmin: display.vmin, vmax: display.vmax } : {}),
  };

  const changeKind = (k: ExportKind) => {
    setKind(k);
    setOut((o) => outPathForKind(o, k, subject));
    setResult(null);
    setError(null);
  };

  const submit = () => {
    setResult(null);
    return run(async () => {
      const r = await runExport({
        subject,
        kind,
        out: out.trim(),
        ...(which === 'selected' && selectedName ? { rois: [selectedName] } : {}),
        ...(needsTransform && transform ? { transform } : {}),
        ...(withData ? { volume: volumeTemplate.info.path } : {}),
        ...(kind === 'png' ? { dpi } : {}),
        ...(isFigureKind(kind) ? { figure: look } : {}),
      });
      setResult(r);
    });
  };

  return (
    <Modal
      className="dialog export"
      label="Export"
      onEscape={closeExportDialog}
      onSubmit={() => {
        if (canRun) void submit();
      }}
    >
      <h2>Export ROIs of {subject}</h2>
      <label className="field">
        <span>Format</span>
        <select
          aria-label="Format"
          value={kind}
          onChange={(e) => changeKind(e.target.value as ExportKind)}
          // focus starts in the dialog, so the keyboard (and Escape) work at once
          autoFocus
        >
          {EXPORT_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <div className="field" role="radiogroup" aria-labelledby="export-rois">
        <span id="export-rois">ROIs</span>
        <div className="choice">
          <label>
            <input type="radio" name="which" checked={which === 'all'} onChange={() => setWhich('all')} /> All
            saved ({savedNames.length})
          </label>
          <label>
            <input
              type="radio"
              name="which"
              checked={which === 'selected'}
              disabled={selectedName === null}
              onChange={() => setWhich('selected')}
            />{' '}
            {selected
              ? selectedName
                ? `Selected: ${selectedName}`
                : `Selected: ${selected.name} (not saved yet)`
              : 'Selected (none)'}
          </label>
        </div>
      </div>
      {kind === 'nifti' && (
        <p className="hint">
          {transform
            ? `Masks on the reference grid of transform “${transform}” (voxels between white matter and pial surface, like pycortex’s get_roi_masks).`
            : 'Pick a transform first: the mask is written in its reference space.'}
        </p>
      )}
      {isFigureKind(kind) && (
        <>
          {volumeTemplate && (
            <label className="checkbox">
              <input type="checkbox" checked={withTemplate} onChange={() => setWithTemplate(!withTemplate)} />{' '}
              Draw {volumeTemplate.info.name} under the ROIs
            </label>
          )}
          <p className="hint" aria-label="Figure look">
            As on screen:{' '}
            {continuous
              ? `${display.colormap} from ${display.vmin} to ${display.vmax}, opacity ${display.opacity}; `
              : withData
                ? `label colours, opacity ${display.opacity}; `
                : ''}
            sulci {showSulci ? 'shown' : 'hidden'}, ROI names {showRoiLabels ? 'shown' : 'hidden'}. Outlines
            are clipped to the cortex, as pycortex draws them.
          </p>
          {kind === 'png' && (
            <label className="field">
              <span>dpi</span>
              <input
                type="number"
                aria-label="dpi"
                min={LIMITS.dpi.min}
                max={LIMITS.dpi.max}
                step={10}
                value={dpi}
                onChange={(e) => setDpi(Number(e.target.value))}
              />
            </label>
          )}
        </>
      )}
      <label className="field">
        <span>{isFigureKind(kind) ? 'Output file' : 'Output folder'}</span>
        <input
          aria-label="Output path"
          spellCheck={false}
          value={out}
          onChange={(e) => {
            setOut(e.target.value);
            setResult(null);
          }}
        />
      </label>
      <p className="hint">
        {onServer
          ? 'The path is on the server running ROI Studio (inside the open database), not on this computer.'
          : 'Files are written inside the open database or into the folder chosen from the menu.'}
      </p>
      {dirty && (
        <p className="warning" role="note">
          Exports read overlays.svg as saved: unsaved changes are not included.{' '}
          <button type="button" className="link" onClick={() => void save()}>
            Save now
          </button>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          Export failed: {error}
        </p>
      )}
      {result && (
        <div className="export-result" role="status">
          <p>
            Wrote {result.files.length} file{result.files.length === 1 ? '' : 's'}:
          </p>
          <ul aria-label="Written files">
            {result.files.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          {/* the files are on the server: a browser user gets them as a download */}
          {onServer && result.files.length > 0 && (
            <a className="download" href={downloadUrl(result.files, `${subject}-${kind}.zip`)} download>
              Download {result.files.length === 1 ? 'the file' : `all ${result.files.length} as a zip`}
            </a>
          )}
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={closeExportDialog}>
          Close
        </button>
        <button type="submit" className="primary" disabled={!canRun}>
          {running ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
