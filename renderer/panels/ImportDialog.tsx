import { useState } from 'react';
import { useEditor } from '../state/editor-store.js';
import { useDialogAction } from './use-dialog-action.js';
import { closeImportDialog, folderName, runImport, useImportDialog } from '../state/import-actions.js';
import { chooseDatabase } from '../state/session-actions.js';
import { Modal } from './Modal.js';
import { PathField } from './PathField.js';

/** Import FreeSurfer subject…: a FreeSurfer folder becomes a subject of the open database. */
export function ImportDialog() {
  const open = useImportDialog((s) => s.open);
  return open ? <ImportForm /> : null;
}

function ImportForm() {
  const database = useEditor((s) => s.database?.path ?? '');
  const progress = useImportDialog((s) => s.progress);
  const isDesktop = navigator.userAgent.includes('Electron');
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [wm, setWm] = useState<'smoothwm' | 'white'>('smoothwm');
  const [patch, setPatch] = useState('full');
  const [orientation, setOrientation] = useState<'pycortex' | 'as-is'>('pycortex');
  const [clean, setClean] = useState(true);
  const [labels, setLabels] = useState('default');
  const [replace, setReplace] = useState(false);
  const { running, error, run } = useDialogAction();

  const subject = name.trim() || folderName(folder);
  const canRun = !running && folder.trim() !== '' && subject !== '' && patch.trim() !== '';

  const submit = () =>
    run(async () => {
      const list = labels
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      await runImport({
        folder: folder.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        wm,
        patch: patch.trim(),
        flatOrientation: orientation,
        clean,
        labels: labels === 'all' || labels === 'none' || labels === 'default' ? labels : list,
        replace,
      });
    });

  return (
    <Modal
      className="dialog import"
      labelledBy="import-heading"
      onEscape={() => {
        if (!running) closeImportDialog();
      }}
      onSubmit={() => {
        if (canRun) void submit();
      }}
    >
      <h2 id="import-heading">Import FreeSurfer subject</h2>
      <p className="hint">
        Writes what pycortex’s import_subj + import_flat write into {database}; the FreeSurfer folder is only
        read.
      </p>
      <PathField
        title="FreeSurfer folder"
        label="FreeSurfer folder"
        placeholder="/path/to/nsddata/freesurfer/subj01"
        value={folder}
        onChange={setFolder}
        choose={isDesktop ? chooseDatabase : undefined}
        autoFocus
      />
      {!isDesktop && (
        <p className="hint">The folder is on the server running ROI Studio, not on this computer.</p>
      )}
      <label className="field">
        <span>Subject name</span>
        <input
          aria-label="Subject name"
          placeholder={folderName(folder) || 'the folder’s name'}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>White matter</span>
        <select
          aria-label="White matter surface"
          value={wm}
          onChange={(e) => setWm(e.target.value as typeof wm)}
        >
          <option value="smoothwm">smoothwm (pycortex’s default)</option>
          <option value="white">white</option>
        </select>
      </label>
      <label className="field">
        <span>Flat patch</span>
        <input aria-label="Flat patch" value={patch} onChange={(e) => setPatch(e.target.value)} />
      </label>
      <label className="field">
        <span>Orientation</span>
        <select
          aria-label="Flat orientation"
          value={orientation}
          onChange={(e) => setOrientation(e.target.value as typeof orientation)}
        >
          <option value="pycortex">as pycortex imports it</option>
          <option value="as-is">the patch’s own axes (pycortex issue #488)</option>
        </select>
      </label>
      <label className="field">
        <span>Templates</span>
        <input
          aria-label="Templates"
          title="default (NSD maps and .annot files), all, none, or names separated by commas"
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={clean} onChange={() => setClean(!clean)} /> Remove disconnected pieces
        of the flat surface (pycortex’s clean)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={replace} onChange={() => setReplace(!replace)} /> Replace an existing
        subject of that name (your transforms, templates and other files are carried over; the old folder is
        kept in .subjects-backups/)
      </label>
      {running && (
        <div className="import-progress" role="status">
          <progress aria-label="Import progress" max={progress?.steps ?? 1} value={progress?.step ?? 0} />
          <span>{progress ? `${progress.stage}…` : 'starting…'}</span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          Import failed: {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={closeImportDialog} disabled={running}>
          Close
        </button>
        <button type="submit" className="primary" disabled={!canRun}>
          {running ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}
