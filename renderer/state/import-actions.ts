import { create } from 'zustand';
import type { FreeSurferImportRequest, FreeSurferImportResult, ImportProgress } from '../../shared/api.js';
import { replacedSubjectLines } from '../../shared/freesurfer/replaced-subject.js';
import { api } from './api-holder.js';
import { editor } from './editor-store.js';
import { confirmDiscard, openSubject, refreshSubjects } from './session-actions.js';

/** The "Import FreeSurfer subject…" dialog: open or not, and the running import's stage. */
export const useImportDialog = create<{ open: boolean; progress: ImportProgress | null }>()(() => ({
  open: false,
  progress: null,
}));

export function openImportDialog(): void {
  if (editor.get().database) useImportDialog.setState({ open: true, progress: null });
}

export function closeImportDialog(): void {
  useImportDialog.setState({ open: false, progress: null });
}

const POLL_MS = 250;

/** The subject pycortex would name after the folder: its last path component. */
export function folderName(folder: string): string {
  return (
    folder
      .trim()
      .replace(/[/\\]+$/, '')
      .split(/[/\\]/)
      .pop() ?? ''
  );
}

/**
 * Import, showing the back end's stage while it runs; then close the dialog, list the subjects
 * again and open the new one (reopened from disk when it replaced the open subject).
 */
export async function runImport(request: FreeSurferImportRequest): Promise<FreeSurferImportResult | null> {
  const name = request.name || folderName(request.folder);
  if (request.replace && editor.get().subject === name && !confirmDiscard(`Replace ${name}`)) return null;
  const poll = setInterval(() => {
    void api()
      .getImportProgress()
      .then((progress) => progress && useImportDialog.setState({ progress }))
      .catch(() => undefined);
  }, POLL_MS);
  let result: FreeSurferImportResult;
  try {
    result = await api().importFreeSurfer(request);
  } finally {
    clearInterval(poll);
    useImportDialog.setState({ progress: null });
  }
  const templates = result.templates.length ? `, templates ${result.templates.join(', ')}` : '';
  closeImportDialog();
  if (editor.get().subject === result.subject) editor.set({ subject: null });
  await refreshSubjects();
  const opening = openSubject(result.subject);
  // set once the switch has cleared the last subject's messages, which it does before its first await
  editor.set({
    notice: [
      `Imported ${result.subject} (${result.vertices.lh} + ${result.vertices.rh} vertices${templates}).`,
      ...replacedSubjectLines(result),
    ].join(' '),
  });
  void opening;
  return result;
}
