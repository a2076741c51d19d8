/**
 * "Unsaved changes" on close. The renderer reports its dirty state as it changes (IPC), so the
 * window's synchronous `close` event can decide at once: close, or stop and ask. Choosing Save
 * sends the renderer a save command; when it then reports clean, the window closes.
 */

export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface CloseGuardDeps {
  /** the native "Save changes?" question */
  ask(): Promise<CloseChoice>;
  /** tell the renderer to save */
  requestSave(): void;
  /** close the window for real */
  close(): void;
  now?(): number;
}

/** How long after "Save" a clean report still counts as "save finished, now close". */
const SAVE_WINDOW_MS = 60_000;

export function createCloseGuard(deps: CloseGuardDeps) {
  const now = deps.now ?? Date.now;
  let dirty = false;
  let allowed = false;
  let asking = false;
  let savingSince: number | null = null;

  const closeNow = () => {
    allowed = true;
    deps.close();
  };

  return {
    get dirty() {
      return dirty;
    },
    setDirty(value: boolean) {
      dirty = value;
      if (!value && savingSince !== null && now() - savingSince < SAVE_WINDOW_MS) {
        savingSince = null;
        closeNow();
      }
    },
    /** the window's `close` event handler */
    onClose(event: { preventDefault(): void }) {
      if (allowed || !dirty) return;
      event.preventDefault();
      if (asking) return;
      asking = true;
      void deps
        .ask()
        .then((choice) => {
          if (choice === 'discard') closeNow();
          else if (choice === 'save') {
            savingSince = now();
            deps.requestSave();
          }
        })
        .finally(() => {
          asking = false;
        });
    },
  };
}
