import { create } from 'zustand';
import type { ExportKind, ExportRequest, ExportResult } from '../../shared/api.js';
import { isFigureKind } from '../../shared/api-schema.js';
import { api } from './api-holder.js';
import { editor } from './editor-store.js';

/**
 * The export dialog's state and its one call. Exports read the ROIs of overlays.svg as saved
 * (the back end computes memberships from the file), so unsaved changes are not in them.
 */

export const EXPORT_KINDS: { kind: ExportKind; label: string }[] = [
  { kind: 'json', label: 'Vertex lists (JSON)' },
  { kind: 'csv', label: 'Vertex lists (CSV)' },
  { kind: 'label', label: 'FreeSurfer .label (per hemisphere)' },
  { kind: 'nifti', label: 'NIfTI mask (transform’s reference space)' },
  { kind: 'png', label: 'Figure (PNG)' },
  { kind: 'svg', label: 'Figure (SVG)' },
];

const FIGURE_EXT = /\.(png|svg)$/i;

/**
 * The output path for `kind`, derived from the one in the field: figures need a file
 * (`<folder>/<subject>-flatmap.png`, or the figure file with its extension switched), every
 * other kind writes into a folder (the figure file's folder).
 */
export function outPathForKind(path: string, kind: ExportKind, subject: string): string {
  const trimmed = path.trim().replace(/[\\/]+$/, '');
  if (isFigureKind(kind)) {
    if (FIGURE_EXT.test(trimmed)) return trimmed.replace(FIGURE_EXT, `.${kind}`);
    return `${trimmed}/${subject}-flatmap.${kind}`;
  }
  if (FIGURE_EXT.test(trimmed)) return trimmed.replace(/[\\/][^\\/]*$/, '');
  return trimmed;
}

/** Where exports go unless the user says otherwise: an `exports` folder in the subject's folder. */
export function defaultExportFolder(database: string, subject: string): string {
  return `${database.replace(/[\\/]+$/, '')}/${subject}/exports`;
}

export const useExportDialog = create<{ open: boolean; out: string | null }>()(() => ({
  open: false,
  out: null,
}));

/** Open the dialog; `out` is a folder the user already chose (the desktop menu's). */
export function openExportDialog(out?: string): void {
  if (!editor.get().subject) return;
  useExportDialog.setState({ open: true, out: out ?? null });
}

export function closeExportDialog(): void {
  useExportDialog.setState({ open: false, out: null });
}

export async function runExport(request: ExportRequest): Promise<ExportResult> {
  const result = await api().exportRois(request);
  editor.set({
    notice: `Exported ${result.files.length} file${result.files.length === 1 ? '' : 's'}`,
  });
  return result;
}
