// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FreeSurferImportRequest, ImportProgress, RoiStudioApi } from '../../shared/api.js';
import { ApiError } from '../../shared/api.js';
import { setApi } from '../state/api-holder.js';
import { editor } from '../state/editor-store.js';
import { openImportDialog, useImportDialog } from '../state/import-actions.js';
import { ImportDialog } from './ImportDialog.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
let requests: FreeSurferImportRequest[];
let finish: (ok: boolean) => void;
let progress: ImportProgress | null;

beforeEach(() => {
  requests = [];
  progress = null;
  const never = () => new Promise(() => undefined);
  setApi({
    importFreeSurfer: (r: FreeSurferImportRequest) => {
      requests.push(r);
      return new Promise((resolve, reject) => {
        finish = (ok) =>
          ok
            ? resolve({
                subject: 'subj01',
                path: '/db/subj01',
                vertices: { lh: 5, rh: 6 },
                templates: ['aparc'],
                kept: [],
                replaced: [],
              })
            : reject(
                new ApiError(
                  'INVALID_FILE',
                  '/fs/subj01/surf/lh.pial: file truncated',
                  '/fs/subj01/surf/lh.pial',
                ),
              );
      });
    },
    getImportProgress: () => Promise.resolve(progress),
    listSubjects: () => Promise.resolve([{ name: 'other' }, { name: 'subj01' }]),
    getFlatGeometry: never,
    loadOverlay: never,
    getVertexMap: never,
  } as unknown as RoiStudioApi);
  editor.set({ database: { path: '/db', source: 'argument', recent: [] }, subject: null });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<ImportDialog />));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useImportDialog.setState({ open: false, progress: null });
});

const q = <T extends Element>(sel: string) => host.querySelector<T>(sel)!;
const type = (label: string, value: string) =>
  act(() => {
    const input = q<HTMLInputElement>(`input[aria-label="${label}"]`);
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const submit = () =>
  act(async () => {
    q<HTMLFormElement>('form[aria-labelledby="import-heading"]').requestSubmit();
    await Promise.resolve();
  });

describe('ImportDialog', () => {
  it('sends the form, shows the stage while it runs, then opens the new subject', async () => {
    act(() => openImportDialog());
    type('FreeSurfer folder', '/fs/subj01/');
    expect(q<HTMLInputElement>('input[aria-label="Subject name"]').placeholder).toBe('subj01');
    act(() => {
      const select = q<HTMLSelectElement>('select[aria-label="Flat orientation"]');
      select.value = 'as-is';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    type('Templates', 'prf-visualrois, aparc');
    await submit();
    expect(requests).toEqual([
      {
        folder: '/fs/subj01/',
        wm: 'smoothwm',
        patch: 'full',
        flatOrientation: 'as-is',
        clean: true,
        labels: ['prf-visualrois', 'aparc'],
        replace: false,
      },
    ]);
    progress = { stage: 'converting anatomicals', step: 3, steps: 7 };
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(q<HTMLProgressElement>('progress[aria-label="Import progress"]').value).toBe(3);
    expect(q('.import-progress').textContent).toContain('converting anatomicals…');
    await act(async () => {
      finish(true);
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(useImportDialog.getState().open).toBe(false);
    expect(editor.get().notice).toBe('Imported subj01 (5 + 6 vertices, templates aparc).');
    expect(editor.get().subjects.map((s) => s.name)).toEqual(['other', 'subj01']);
    expect(editor.get().subject).toBe('subj01');
  });

  it('shows the one error naming the file and stays open', async () => {
    act(() => openImportDialog());
    type('FreeSurfer folder', '/fs/subj01');
    await submit();
    await act(async () => {
      finish(false);
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(q('[role="alert"]').textContent).toBe('Import failed: /fs/subj01/surf/lh.pial: file truncated');
    expect(useImportDialog.getState().open).toBe(true);
  });
});
