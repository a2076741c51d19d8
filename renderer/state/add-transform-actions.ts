import { create } from 'zustand';
import type { AddTransformRequest, TransformInfo, TransformInput } from '../../shared/api.js';
import { api } from './api-holder.js';
import { editor } from './editor-store.js';
import { selectTemplate, selectTransform } from './session-actions.js';

/**
 * The "Add transform…" dialog's state and its calls. After adding, the new transform is picked
 * and its reference volume drawn on the flatmap, so the user judges the alignment at once.
 */

export const useAddTransformDialog = create<{ open: boolean }>()(() => ({ open: false }));

export function openAddTransformDialog(): void {
  if (!editor.get().subject) return;
  useAddTransformDialog.setState({ open: true });
}

export function closeAddTransformDialog(): void {
  useAddTransformDialog.setState({ open: false });
}

/** `transforms/<name>/reference.nii.gz` of the open subject, where the back end copied the reference. */
export function referenceOf(database: string, subject: string, name: string): string {
  return `${database.replace(/[\\/]+$/, '')}/${subject}/transforms/${name}/reference.nii.gz`;
}

export async function addTransform(request: AddTransformRequest): Promise<TransformInfo> {
  const info = await api().addTransform(request);
  // the subject's list of transforms changed; the open subject and its ROIs stay as they are
  editor.set({ subjects: await api().listSubjects() });
  // the first flatmap through a new transform takes seconds: it is drawn with the dialog closed
  closeAddTransformDialog();
  const { database, subject } = editor.get();
  if (database && subject === request.subject) {
    await selectTransform(info.name);
    await selectTemplate(referenceOf(database.path, subject, info.name));
  }
  return info;
}

/** Desktop only (null in a browser or when cancelled): a native picker for one input. */
export async function chooseTransformInput(kind: TransformInput): Promise<string | null> {
  try {
    return await api().chooseTransformInput(kind);
  } catch {
    return null;
  }
}
