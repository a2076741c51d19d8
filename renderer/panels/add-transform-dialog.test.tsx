// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddTransformRequest, RoiStudioApi, SubjectSummary, TransformInfo } from '../../shared/api.js';
import { ApiError } from '../../shared/api.js';
import { openAddTransformDialog, useAddTransformDialog } from '../state/add-transform-actions.js';
import { setApi } from '../state/api-holder.js';
import { editor } from '../state/editor-store.js';
import { openInEditor, overlaySnapshot } from '../state/overlay-test-helpers.js';
import { AddTransformDialog } from './AddTransformDialog.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const AFFINE = [
  [2, 0, 0, -80],
  [0, 2, 0, -100],
  [0, 0, 2, -60],
  [0, 0, 0, 1],
];
const transformInfo = (name: string): TransformInfo => ({ name, shape: [2, 2, 2], affine: AFFINE });
const summary = (transforms: string[]): SubjectSummary => ({
  name: 'demo',
  surfaces: ['flat', 'pia', 'wm'],
  transforms: transforms.map(transformInfo),
  templates: [],
  hasOverlay: true,
  hasSidecar: false,
});

let host: HTMLDivElement;
let root: Root;
let requests: AddTransformRequest[];
let loaded: unknown[][];
let refusal: ApiError | null;

beforeEach(() => {
  requests = [];
  loaded = [];
  refusal = null;
  setApi({
    addTransform: (r: AddTransformRequest) => {
      requests.push(r);
      return refusal ? Promise.reject(refusal) : Promise.resolve(transformInfo(r.name));
    },
    listSubjects: () => Promise.resolve([summary(['fullhead', ...requests.map((r) => r.name)])]),
    loadVolume: (...args: unknown[]) => {
      loaded.push(args);
      return Promise.resolve({
        path: args[2],
        dims: [2, 2, 2],
        values: new Float32Array(8).fill(3),
        integerValued: true,
        min: 3,
        max: 3,
      });
    },
    getPixelMap: () => Promise.resolve({ width: 1, height: 1 }),
  } as unknown as RoiStudioApi);
  openInEditor(overlaySnapshot({}), {
    database: { path: '/db', source: 'argument', recent: [] },
    subjects: [summary(['fullhead'])],
    transform: 'fullhead',
  });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<AddTransformDialog />));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useAddTransformDialog.setState({ open: false });
});

const q = <T extends Element>(sel: string) => host.querySelector<T>(sel)!;

function type(label: string, value: string): void {
  const input = q<HTMLInputElement>(`input[aria-label="${label}"]`);
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(): Promise<void> {
  await act(async () => {
    q<HTMLFormElement>('form[aria-label="Add transform"]').requestSubmit();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

const addButton = () => q<HTMLButtonElement>('button[type=submit]');

describe('AddTransformDialog', () => {
  it('adds a register.dat transform, then picks it and draws its reference on the flatmap', async () => {
    act(() => openAddTransformDialog());
    expect(addButton().disabled).toBe(true);
    type('Transform name', 'func');
    type('Reference volume', '/db/func/mean.nii.gz');
    type('Registration file', '/db/func/register.dat');
    expect(addButton().disabled).toBe(true); // the subjects folder is still missing
    type('FreeSurfer subjects folder', '/db/freesurfer');
    expect(q<HTMLInputElement>('input[aria-label="FreeSurfer subject"]').value).toBe('demo');
    await submit();
    expect(requests).toEqual([
      {
        subject: 'demo',
        name: 'func',
        reference: '/db/func/mean.nii.gz',
        registration: { kind: 'freesurfer', file: '/db/func/register.dat', subjectsDir: '/db/freesurfer' },
      },
    ]);
    expect(useAddTransformDialog.getState().open).toBe(false);
    expect(editor.get().subjects[0].transforms.map((t) => t.name)).toEqual(['fullhead', 'func']);
    expect(editor.get().transform).toBe('func');
    expect(editor.get().templatePath).toBe('/db/demo/transforms/func/reference.nii.gz');
    expect(loaded).toEqual([['demo', 'func', '/db/demo/transforms/func/reference.nii.gz']]);
  });

  it('a taken name needs "Replace"; a refusal is shown and the dialog stays open', async () => {
    act(() => openAddTransformDialog());
    type('Transform name', 'fullhead');
    type('Reference volume', '/db/ref.nii.gz');
    act(() => host.querySelectorAll<HTMLInputElement>('input[type=radio]')[2].click());
    expect(host.querySelector('input[aria-label="Registration file"]')).toBeNull();
    expect(addButton().disabled).toBe(true);
    act(() => q<HTMLInputElement>('input[type=checkbox]').click());
    expect(addButton().disabled).toBe(false);
    refusal = new ApiError(
      'INVALID_FILE',
      '/db/ref.nii.gz: the reference must be one 3-D volume, this one is 4×4',
    );
    await submit();
    expect(requests[0]).toEqual({
      subject: 'demo',
      name: 'fullhead',
      reference: '/db/ref.nii.gz',
      registration: { kind: 'header' },
      replace: true,
    });
    expect(q('[role=alert]').textContent).toContain('this one is 4×4');
    expect(useAddTransformDialog.getState().open).toBe(true);
    expect(editor.get().transform).toBe('fullhead');
  });
});
