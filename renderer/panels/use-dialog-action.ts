import { useState } from 'react';
import { errorMessage } from '../state/editor-store.js';

/**
 * A dialog's one long-running action (export, import, add transform): `running` while it runs,
 * and its failure as `error`, shown in the dialog, which stays open so the user can correct it.
 */
export function useDialogAction() {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setRunning(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  return { running, error, setError, run };
}
