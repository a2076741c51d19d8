import { useState } from 'react';
import type { AddTransformRequest, TransformRegistration } from '../../shared/api.js';
import {
  addTransform,
  chooseTransformInput,
  closeAddTransformDialog,
  useAddTransformDialog,
} from '../state/add-transform-actions.js';
import { useEditor } from '../state/editor-store.js';
import { useDialogAction } from './use-dialog-action.js';
import { Modal } from './Modal.js';
import { PathField } from './PathField.js';

type Kind = TransformRegistration['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'freesurfer', label: 'FreeSurfer register.dat or .lta (bbregister, tkregister)' },
  { kind: 'fsl', label: 'FSL FLIRT matrix (.mat, reference → anatomicals/raw.nii.gz)' },
  { kind: 'header', label: 'Headers already aligned (reference in the anatomy’s scanner space)' },
];

/** Add a pycortex transform: a reference volume and how it is aligned to the subject's anatomy. */
export function AddTransformDialog() {
  const open = useAddTransformDialog((s) => s.open);
  return open ? <AddTransformForm /> : null;
}

function AddTransformForm() {
  const subject = useEditor((s) => s.subject) ?? '';
  const existing = useEditor((s) => s.subjects.find((x) => x.name === s.subject)?.transforms ?? []);
  const isDesktop = navigator.userAgent.includes('Electron');

  const [name, setName] = useState('');
  const [reference, setReference] = useState('');
  const [kind, setKind] = useState<Kind>('freesurfer');
  const [file, setFile] = useState('');
  const [subjectsDir, setSubjectsDir] = useState('');
  const [fsSubject, setFsSubject] = useState(subject);
  const [replace, setReplace] = useState(false);
  const { running, error, run } = useDialogAction();

  const taken = existing.some((t) => t.name === name.trim());
  const needsFile = kind !== 'header';
  const canRun =
    !running &&
    name.trim() !== '' &&
    reference.trim() !== '' &&
    (!needsFile || file.trim() !== '') &&
    (kind !== 'freesurfer' || subjectsDir.trim() !== '') &&
    (!taken || replace);

  const registration = (): TransformRegistration => {
    if (kind === 'header') return { kind };
    if (kind === 'fsl') return { kind, file: file.trim() };
    const fs = fsSubject.trim();
    return {
      kind,
      file: file.trim(),
      subjectsDir: subjectsDir.trim(),
      ...(fs && fs !== subject ? { fsSubject: fs } : {}),
    };
  };

  const submit = () =>
    run(async () => {
      const request: AddTransformRequest = {
        subject,
        name: name.trim(),
        reference: reference.trim(),
        registration: registration(),
        ...(taken && replace ? { replace: true } : {}),
      };
      await addTransform(request);
    });

  return (
    <Modal
      className="dialog add-transform"
      label="Add transform"
      onEscape={closeAddTransformDialog}
      onSubmit={() => {
        if (canRun) void submit();
      }}
    >
      <h2>Add a transform to {subject}</h2>
      <label className="field">
        <span>Name</span>
        <input
          aria-label="Transform name"
          spellCheck={false}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </label>
      <PathField
        title="Reference volume"
        label="Reference volume"
        placeholder="mean EPI (.nii.gz)"
        value={reference}
        onChange={setReference}
        choose={isDesktop ? () => chooseTransformInput('reference') : undefined}
      />
      <div className="field" role="radiogroup" aria-labelledby="add-transform-kind">
        <span id="add-transform-kind">Alignment</span>
        <div className="choice">
          {KINDS.map((k) => (
            <label key={k.kind}>
              <input type="radio" name="kind" checked={kind === k.kind} onChange={() => setKind(k.kind)} />{' '}
              {k.label}
            </label>
          ))}
        </div>
      </div>
      {needsFile && (
        <PathField
          title={kind === 'fsl' ? 'FLIRT matrix' : 'Registration file'}
          label="Registration file"
          placeholder={kind === 'fsl' ? 'func2anat.mat' : 'register.dat or .lta'}
          value={file}
          onChange={setFile}
          choose={isDesktop ? () => chooseTransformInput('registration') : undefined}
        />
      )}
      {kind === 'freesurfer' && (
        <>
          <PathField
            title="FreeSurfer subjects folder"
            label="FreeSurfer subjects folder"
            placeholder="SUBJECTS_DIR"
            value={subjectsDir}
            onChange={setSubjectsDir}
            choose={isDesktop ? () => chooseTransformInput('subjects-dir') : undefined}
          />
          <label className="field">
            <span>FreeSurfer subject</span>
            <input
              aria-label="FreeSurfer subject"
              spellCheck={false}
              value={fsSubject}
              onChange={(e) => setFsSubject(e.target.value)}
            />
          </label>
        </>
      )}
      {taken && (
        <label className="checkbox">
          <input type="checkbox" checked={replace} onChange={() => setReplace(!replace)} /> Replace the
          existing transform “{name.trim()}” (it is kept in transforms-backups/)
        </label>
      )}
      <p className="hint">
        {isDesktop
          ? 'Files outside the open database must be chosen with Browse….'
          : 'Paths are on the server running ROI Studio and must lie inside the open database.'}{' '}
        After adding, the reference is drawn on the flatmap so you can judge the alignment.
      </p>
      {error && (
        <p className="field-error" role="alert">
          Could not add the transform: {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={closeAddTransformDialog}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!canRun}>
          {running ? 'Adding…' : 'Add transform'}
        </button>
      </div>
    </Modal>
  );
}
