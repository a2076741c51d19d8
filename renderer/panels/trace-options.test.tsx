// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PixelMap, TraceRequest, TracedRoi } from '../../shared/api.js';
import { editor, INITIAL_STATE, type TemplateData } from '../state/editor-store.js';
import { recordTraceRequests } from '../state/trace-test-helpers.js';
import { TemplateDisplayPanel } from './TemplateDisplayPanel.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A one-pixel label template whose pixel reads voxel 0 (label 1, "V1"). */
const pixelMap: PixelMap = {
  subject: 'demo',
  transform: 'xfm',
  thick: 1,
  depth: 0.5,
  width: 1,
  height: 1,
  pixels: new Uint32Array([0]),
  lengths: new Uint32Array([0, 1]),
  voxels: new Int32Array([0]),
  samples: new Uint8Array([1]),
  mid: new Int32Array([0]),
};
const values = new Float32Array([1]);
const template: TemplateData = {
  kind: 'volume',
  info: { name: 'visual', path: '/t.nii.gz', kind: 'volume' },
  pixelMap,
  volume: {
    path: '/t.nii.gz',
    dims: [1, 1, 1],
    values,
    integerValued: true,
    labels: [{ index: 1, name: 'V1' }],
    min: 1,
    max: 1,
  },
};
const traced: TracedRoi[] = [
  {
    name: 'V1',
    labelIndex: 1,
    paths: ['M 0,0 L 1,0 L 1,1 Z'],
    jaccard: 0.96,
    jaccards: { clean: 0.962, raw: 0.959 },
  },
];

let host: HTMLDivElement;
let root: Root;
let requests: TraceRequest[];

beforeEach(() => {
  requests = recordTraceRequests(traced);
  editor.set(
    { ...INITIAL_STATE, subject: 'demo', transform: 'xfm', templatePath: '/t.nii.gz', template },
    true,
  );
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<TemplateDisplayPanel />));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function button(text: string): HTMLButtonElement {
  const b = [...host.querySelectorAll('button')].find(
    (x) => x.textContent?.trim() === text || x.getAttribute('aria-label') === text,
  );
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

it('"Raw outlines" beside "Add all labels" chooses what is traced; the summary shows both Jaccards', async () => {
  const raw = [...host.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Raw outlines');
  const box = raw?.querySelector<HTMLInputElement>('input[type="checkbox"]');
  expect(box?.checked).toBe(false);

  await act(async () => button('Add all labels').click());
  expect(requests.map((r) => r.raw)).toEqual([false]);
  const cells = [...host.querySelectorAll('table[aria-label="Traced labels"] td')].map((c) => c.textContent);
  expect(cells).toEqual(['V1', 'V1', '0.962', '0.959']);
  expect([...host.querySelectorAll('th')].map((c) => c.textContent)).toEqual([
    'Label',
    'ROI',
    'Jaccard clean',
    'Jaccard raw',
  ]);

  act(() => box!.click());
  expect(editor.get().traceRaw).toBe(true);
  // "Outline as ROI" (shown once the label is shown alone) follows the same box
  act(() => host.querySelector<HTMLButtonElement>('button[title="Show only label 1"]')!.click());
  await act(async () => button('Outline V1 as ROI').click());
  expect(requests.at(-1)).toEqual({
    subject: 'demo',
    transform: 'xfm',
    template: '/t.nii.gz',
    labels: [1],
    raw: true,
  });
  expect(editor.get().notice).toMatch(/Jaccard 0\.960; clean 0\.962, raw 0\.959/);
});
