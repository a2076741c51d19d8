// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest, OverlaySnapshot, RoiStudioApi } from '../../shared/api.js';
import { ApiError } from '../../shared/api.js';
import { setApi } from '../state/api-holder.js';
import { editor, INITIAL_STATE } from '../state/editor-store.js';
import { openExportDialog, useExportDialog } from '../state/export-actions.js';
import { documentFromSnapshot } from '../state/roi-document.js';
import { ExportDialog } from './ExportDialog.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const overlay: OverlaySnapshot = {
  subject: 'demo',
  path: '/db/demo/overlays.svg',
  exists: true,
  revision: 'r1',
  width: 100,
  height: 100,
  issues: [],
  layers: [
    {
      name: 'rois',
      visible: true,
      shapes: ['V1', 'V2'].map((name) => ({
        name,
        paths: [{ d: 'M 0,0 L 5,0 L 5,5 Z' }],
        visible: true,
        locked: false,
        issues: [],
      })),
    },
  ],
};

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
  const doc = documentFromSnapshot(overlay);
  editor.set(
    {
      ...INITIAL_STATE,
      database: { path: '/db', source: 'argument', recent: [] },
      subject: 'demo',
      transform: 'xfm',
      overlay,
      doc,
      savedDoc: doc,
      selectedKey: doc.rois[1].key,
    },
    true,
  );
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
