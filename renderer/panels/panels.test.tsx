// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OverlaySnapshot, RoiStudioApi } from '../../shared/api.js';
import { setApi } from '../state/api-holder.js';
import { editor, INITIAL_STATE, undoEdit } from '../state/editor-store.js';
import { openInEditor, overlaySnapshot } from '../state/overlay-test-helpers.js';
import { documentFromSnapshot } from '../state/roi-document.js';
import { ConflictDialog, NameDialog } from './Dialogs.js';
import { RoiList } from './RoiList.js';
import { Modal } from './Modal.js';
import { SessionPickers } from './SessionPickers.js';
import { StageHint } from './StageHint.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;

beforeEach(() => {
  editor.set(INITIAL_STATE, true);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function render(node: React.ReactNode): void {
  act(() => root.render(node));
}

/** Type into a React-controlled input the way a user does. */
function type(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function byLabel<T extends HTMLElement>(label: string): T {
  const el = host.querySelector<T>(`[aria-label="${label}"]`);
  if (!el) throw new Error(`no element labelled "${label}"`);
  return el;
}

function button(text: string): HTMLButtonElement {
  const b = [...host.querySelectorAll('button')].find(
    (x) => x.textContent?.trim() === text || x.getAttribute('aria-label') === text,
  );
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

/** One ROI whose absolute H/V commands pycortex misreads (a fixable issue). */
const plain = overlaySnapshot({ V1: 'M 10,10 H 20 V 20 Z' });
const snapshot: OverlaySnapshot = {
  ...plain,
  layers: [
    {
      ...plain.layers[0],
      shapes: [
        {
          ...plain.layers[0].shapes[0],
          issues: [{ code: 'ABSOLUTE_HV', message: 'pycortex reads absolute H/V wrongly', fixable: true }],
        },
      ],
    },
  ],
};

describe('NameDialog', () => {
  it('proposes a free name, explains invalid names, and creates the ROI on submit', () => {
    editor.set({ pendingRing: [0, 0, 10, 0, 10, 10] });
    render(<NameDialog />);
    const input = byLabel<HTMLInputElement>('ROI name');
    expect(input.value).toBe('ROI 1');
    type(input, 'bad/name');
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/only letters, digits/);
    expect(button('Create ROI').disabled).toBe(true);
    type(input, 'V1v');
    expect(button('Create ROI').disabled).toBe(false);
    act(() => button('Create ROI').click());
    const s = editor.get();
    expect(s.pendingRing).toBeNull();
    expect(s.doc.rois.map((r) => [r.name, r.paths[0].d])).toEqual([['V1v', 'M 0,0 L 10,0 L 10,10 Z']]);
    expect(s.selectedKey).toBe(s.doc.rois[0].key);
    expect(host.querySelector('[role="dialog"]')).toBeNull();
  });

  it('adds the outline to an existing ROI given its name', () => {
    const doc = documentFromSnapshot(snapshot);
    editor.set({ doc, savedDoc: doc, pendingRing: [50, 50, 60, 50, 60, 60] });
    render(<NameDialog />);
    type(byLabel<HTMLInputElement>('ROI name'), 'V1');
    expect(host.textContent).toMatch(/another part of “V1”/);
    act(() => button('Add part').click());
    const roi = editor.get().doc.rois[0];
    expect(roi.paths.map((p) => p.d)).toEqual(['M 10,10 H 20 V 20 Z', 'M 50,50 L 60,50 L 60,60 Z']);
    expect(roi.pathsChanged).toBe(true);
  });
});

describe('RoiList', () => {
  it('shows warnings with Normalise, renames and deletes, all undoable', () => {
    const doc = documentFromSnapshot(snapshot);
    editor.set({ doc, savedDoc: doc });
    render(<RoiList />);
    expect(host.textContent).toMatch(/pycortex reads absolute H\/V wrongly/);
    act(() => button('Normalise').click());
    expect(editor.get().doc.rois[0].normalise).toBe(true);
    expect(host.textContent).not.toMatch(/absolute H\/V/);

    act(() => button('Rename V1').click());
    const field = byLabel<HTMLInputElement>('New ROI name');
    type(field, 'V1 left');
    act(() => field.form!.requestSubmit());
    expect(editor.get().doc.rois[0].name).toBe('V1 left');
    expect(byLabel('ROI V1 left')).toBeTruthy();

    act(() => button('Delete V1 left').click());
    expect(editor.get().doc.rois).toEqual([]);
    act(() => {
      undoEdit();
    });
    expect(editor.get().doc.rois[0].name).toBe('V1 left');
  });
});

describe('ConflictDialog', () => {
  it('reloads the file from disk, dropping local edits', async () => {
    const fresh = { ...snapshot, revision: 'r2', layers: [{ ...snapshot.layers[0], shapes: [] }] };
    setApi({
      loadOverlay: () => Promise.resolve(fresh),
      getRoiVertices: () => Promise.resolve({}),
    } as unknown as RoiStudioApi);
    const doc = documentFromSnapshot(snapshot);
    editor.set({ subject: 'demo', overlay: snapshot, doc, savedDoc: doc, conflict: 'changed on disk' });
    render(<ConflictDialog />);
    expect(host.querySelector('[role="alertdialog"]')?.textContent).toMatch(/changed on disk/);
    await act(async () => {
      button('Reload from disk').click();
      await Promise.resolve();
    });
    expect(editor.get().conflict).toBeNull();
    expect(editor.get().overlay?.revision).toBe('r2');
    expect(editor.get().doc.rois).toEqual([]);
    expect(host.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('opens on Cancel, and Escape cancels, keeping the edits', () => {
    const doc = documentFromSnapshot(snapshot);
    editor.set({ subject: 'demo', overlay: snapshot, doc, savedDoc: doc, conflict: 'changed on disk' });
    render(<ConflictDialog />);
    const cancel = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
    expect(document.activeElement).toBe(cancel);
    act(() => {
      cancel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(editor.get().conflict).toBeNull();
    expect(editor.get().doc).toBe(doc);
    expect(host.querySelector('[role="alertdialog"]')).toBeNull();
  });
});

describe('StageHint', () => {
  it('names the next step to a flatmap, or what is being done', () => {
    render(<StageHint />);
    expect(host.textContent).toBe('Open a database and choose a subject to see its flatmap.');
    act(() => editor.set({ database: { path: '/db', source: 'opened', recent: ['/db'] } }));
    expect(host.textContent).toBe('Choose a subject to see its flatmap.');
    act(() => editor.set({ subject: 'S1', busy: 'Opening S1…' }));
    expect(host.textContent).toBe('Opening S1…');
    act(() => editor.set({ busy: null }));
    expect(host.textContent).toBe('');
  });
});

describe('SessionPickers', () => {
  it('shows the whole transform and template on hover, where the narrow pickers cut them', () => {
    const transforms = [
      { name: 'func1pt8mm', shape: [120, 144, 120] as [number, number, number], affine: [] },
    ];
    editor.set({
      subjects: [
        {
          name: 'subj01',
          surfaces: ['flat'],
          transforms,
          templates: [],
          hasOverlay: true,
          hasSidecar: false,
        },
      ],
      subject: 'subj01',
      transform: 'func1pt8mm',
      templatePath: '/data/nsd/subj01/func1pt8mm/roi/floc-places.nii.gz',
    });
    render(<SessionPickers />);
    const picker = (name: string) => host.querySelector<HTMLSelectElement>(`select[aria-label="${name}"]`)!;
    expect(picker('Transform').title).toBe('func1pt8mm (120×144×120)');
    expect(picker('Transform').selectedOptions[0].textContent).toBe('func1pt8mm (120×144×120)');
    expect(picker('Template').title).toBe('/data/nsd/subj01/func1pt8mm/roi/floc-places.nii.gz');
  });
});

describe('Modal', () => {
  it('closes on Escape from inside and on a click outside, submits as a form', () => {
    const calls: string[] = [];
    render(
      <Modal
        labelledBy="t"
        onEscape={() => calls.push('escape')}
        onBackdrop={() => calls.push('backdrop')}
        onSubmit={() => calls.push('submit')}
      >
        <h2 id="t">Question</h2>
        <input aria-label="answer" />
      </Modal>,
    );
    const form = host.querySelector<HTMLFormElement>('form[role="dialog"]')!;
    expect(form.getAttribute('aria-modal')).toBe('true');
    expect(form.getAttribute('aria-labelledby')).toBe('t');
    const input = host.querySelector('input')!;
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
      input.click();
      form.requestSubmit();
      host.querySelector<HTMLDivElement>('.dialog-backdrop')!.click();
    });
    expect(calls).toEqual(['escape', 'submit', 'backdrop']);
  });
});

describe('StatusBar', () => {
  it('tells saved from unsaved only once a subject is open', () => {
    render(<StatusBar />);
    const state = () => host.querySelector('.saved, .dirty')?.textContent ?? null;
    expect(state()).toBeNull();
    act(() => openInEditor(overlaySnapshot({ V1: 'M 0,0 L 5,0 L 5,5 Z' })));
    expect(state()).toBe('Saved');
  });
});

describe('Toolbar', () => {
  /** The accessible name from content: text of the button minus aria-hidden parts. */
  const accessibleName = (el: Element): string =>
    [...el.childNodes]
      .map((n) =>
        n.nodeType === 3
          ? (n.textContent ?? '')
          : (n as Element).getAttribute('aria-hidden') === 'true'
            ? ''
            : accessibleName(n as Element),
      )
      .join('')
      .trim();

  it('keeps the Save button’s name "Save" with unsaved changes, telling them by description and title', () => {
    render(
      <>
        <Toolbar onHelp={() => undefined} />
        <StatusBar />
      </>,
    );
    act(() => openInEditor(overlaySnapshot({ V1: 'M 0,0 L 5,0 L 5,5 Z' })));
    const save = [...host.querySelectorAll('button')].find((b) => accessibleName(b) === 'Save')!;
    expect(save.getAttribute('aria-describedby')).toBeNull();
    const doc = editor.get().doc;
    act(() => editor.set({ doc: { ...doc, rois: doc.rois.slice(1) } }));
    expect(accessibleName(save)).toBe('Save');
    expect(save.textContent).toBe('Save •');
    const described = document.getElementById(save.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('Unsaved changes');
    expect(save.title).toBe('Save unsaved changes to overlays.svg (Ctrl/Cmd+S)');
  });
});
