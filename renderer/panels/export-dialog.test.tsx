// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest, RoiStudioApi } from '../../shared/api.js';
import { ApiError } from '../../shared/api.js';
import { setApi } from '../state/api-holder.js';
import { editor, type EditorState } from '../state/editor-store.js';
import { openExportDialog, useExportDialog } from '../state/export-actions.js';
import { openInEditor, overlaySnapshot } from '../state/overlay-test-helpers.js';
import { ExportDialog } from './ExportDialog.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const overlay = overlaySnapshot({ V1: 'M 0,0 L 5,0 L 5,5 Z', V2: 'M 0,0 L 5,0 L 5,5 Z' });

let host: HTMLDivElement;
let root: Root;
let requests: ExportRequest[];
let fail: boolean;

beforeEach(() => {
  requests = [];
  fail = false;
  setApi({
    exportRois: (r: ExportRequest) => {
      requests.push(r);
      return fail
        ? Promise.reject(new ApiError('FORBIDDEN', '/elsewhere is outside the open database'))
        : Promise.resolve({ files: [`${r.out}/lh.V2.label`] });
    },
  } as unknown as RoiStudioApi);
  openInEditor(overlay, { database: { path: '/db', source: 'argument', recent: [] }, transform: 'xfm' });
  editor.set({ selectedKey: editor.get().doc.rois[1].key });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<ExportDialog />));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useExportDialog.setState({ open: false, out: null });
});

const q = <T extends Element>(sel: string) => host.querySelector<T>(sel)!;

async function submit(): Promise<void> {
  await act(async () => {
    q<HTMLFormElement>('form[aria-label="Export"]').requestSubmit();
    await Promise.resolve();
  });
}

describe('ExportDialog', () => {
  it('exports the selected saved ROI into the folder the menu chose, and lists the files', async () => {
    act(() => openExportDialog('/chosen'));
    expect(q<HTMLInputElement>('input[aria-label="Output path"]').value).toBe('/chosen');
    const radios = host.querySelectorAll<HTMLInputElement>('input[type=radio]');
    expect(radios[1].checked).toBe(true);
    expect(radios[0].parentElement!.textContent).toContain('All saved (2)');
    const format = q<HTMLSelectElement>('select[aria-label="Format"]');
    act(() => {
      format.value = 'label';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit();
    expect(requests).toEqual([{ subject: 'demo', kind: 'label', out: '/chosen', rois: ['V2'] }]);
    expect(q('ul[aria-label="Written files"]').textContent).toBe('/chosen/lh.V2.label');
  });

  it('defaults to the subject’s exports folder, adds the transform for masks, and shows a refusal', async () => {
    act(() => openExportDialog());
    expect(q<HTMLInputElement>('input[aria-label="Output path"]').value).toBe('/db/demo/exports');
    const format = q<HTMLSelectElement>('select[aria-label="Format"]');
    act(() => {
      format.value = 'nifti';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });
    fail = true;
    await submit();
    expect(requests[0]).toMatchObject({ kind: 'nifti', transform: 'xfm', out: '/db/demo/exports' });
    expect(q('[role=alert]').textContent).toContain('outside the open database');
    expect(host.querySelector('ul[aria-label="Written files"]')).toBeNull();
  });
});

describe('ExportDialog figures', () => {
  it('sends what the flatmap shows: colour map, range, opacity, sulci and names', async () => {
    editor.set({
      template: {
        kind: 'volume',
        info: { name: 'reference', path: '/db/demo/reference.nii.gz' },
      } as unknown as EditorState['template'],
      display: { opacity: 0.5, colormap: 'J4', vmin: 100, vmax: 1200, onlyLabel: null, asLabels: false },
      showSulci: false,
    });
    act(() => openExportDialog('/db/demo/exports'));
    const format = q<HTMLSelectElement>('select[aria-label="Format"]');
    act(() => {
      format.value = 'png';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(q('[aria-label="Figure look"]').textContent).toContain(
      'J4 from 100 to 1200, opacity 0.5; sulci hidden',
    );
    await submit();
    expect(requests[0]).toMatchObject({
      kind: 'png',
      transform: 'xfm',
      volume: '/db/demo/reference.nii.gz',
      dpi: 100,
      figure: { withSulci: false, withLabels: true, opacity: 0.5, cmap: 'J4', vmin: 100, vmax: 1200 },
    });
  });
});

describe('ExportDialog keyboard', () => {
  it('opens with the focus inside, and Escape closes it', () => {
    act(() => openExportDialog());
    const format = q<HTMLSelectElement>('select[aria-label="Format"]');
    expect(document.activeElement).toBe(format);
    act(() => {
      format.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(useExportDialog.getState().open).toBe(false);
    expect(host.querySelector('form[aria-label="Export"]')).toBeNull();
  });
});
