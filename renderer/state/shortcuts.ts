import { isModalOpen } from '../panels/modal-open.js';
import { rotate, zoomStep } from '../panels/Toolbar.js';
import { editor, redoEdit, setTool, undoEdit } from './editor-store.js';
import { deleteRoi } from './roi-actions.js';
import { save } from './session-actions.js';

/**
 * Global keyboard shortcuts. The canvas listens first (capture) for keys a tool consumes
 * (Esc, Enter, Backspace, Delete mid-gesture); what remains lands here. An open dialog keeps
 * them all.
 */

export function handleShortcut(e: KeyboardEvent, openHelp: () => void): void {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (isModalOpen()) {
    if (mod && key === 's') e.preventDefault(); // not the browser's "save page" either
    return;
  }
  if (mod && key === 's') {
    e.preventDefault();
    void save();
    return;
  }
  const target = e.target as HTMLElement | null;
  const typing =
    target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
  if (typing) return;
  if (mod && key === 'z') {
    e.preventDefault();
    if (e.shiftKey) redoEdit();
    else undoEdit();
    return;
  }
  if (mod && key === 'y') {
    e.preventDefault();
    redoEdit();
    return;
  }
  if (mod || e.altKey) return;
  if (!editor.get().subjectData) {
    if (e.key === '?') openHelp();
    return;
  }
  const tools: Record<string, Parameters<typeof setTool>[0]> = {
    f: 'freehand',
    p: 'polygon',
    e: 'edit',
    r: 'reshape',
    h: 'pan',
  };
  if (tools[key] && !editor.get().gestureActive) setTool(tools[key]);
  else if (e.key === '?') openHelp();
  else if (e.key === '0') editor.set({ fitRequest: editor.get().fitRequest + 1 });
  else if (e.key === '+' || e.key === '=') zoomStep('in');
  else if (e.key === '-') zoomStep('out');
  else if (e.key === '[') rotate(-90);
  else if (e.key === ']') rotate(90);
  else if (e.key === 'Delete' || (e.key === 'Backspace' && editor.get().tool === 'edit')) {
    const key = editor.get().selectedKey;
    if (key && !editor.get().gestureActive) deleteRoi(key);
  } else if (e.key === 'Escape') editor.set({ selectedKey: null });
}
