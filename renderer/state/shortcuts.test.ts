import { beforeEach, describe, expect, it } from 'vitest';
import { editor, INITIAL_STATE, type EditorState } from './editor-store.js';
import { handleShortcut } from './shortcuts.js';

const press = (key: string) =>
  handleShortcut(
    {
      key,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      target: null,
    } as unknown as KeyboardEvent,
    () => {},
  );

describe('view shortcuts', () => {
  // the view keys act once a subject is open
  beforeEach(() => editor.set({ ...INITIAL_STATE, subjectData: {} as EditorState['subjectData'] }, true));

  it('+ and - ask the canvas for one zoom step each, 0 to fit, [ and ] to rotate', () => {
    press('+');
    const first = editor.get().zoomRequest;
    expect(first?.factor).toBe(1.25);
    press('=');
    expect(editor.get().zoomRequest).not.toBe(first); // a repeated step is a new request
    press('-');
    expect(editor.get().zoomRequest?.factor).toBe(0.8);
    press('0');
    expect(editor.get().fitRequest).toBe(1);
    press(']');
    expect(editor.get().rotation).toBe(90);
  });
});
