import { useEditor } from '../state/editor-store.js';

/** What the empty flatmap area says: what is being done, or the next step to a flatmap. */
export function StageHint() {
  const busy = useEditor((s) => s.busy);
  const subject = useEditor((s) => s.subject);
  const hasDatabase = useEditor((s) => s.database !== null);
  const hint = subject
    ? ''
    : hasDatabase
      ? 'Choose a subject to see its flatmap.'
      : 'Open a database and choose a subject to see its flatmap.';
  return (
    <div className="stage-empty" aria-hidden="true">
      {busy ?? hint}
    </div>
  );
}
