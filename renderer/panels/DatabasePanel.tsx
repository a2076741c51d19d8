import { useState } from 'react';
import { chooseDatabase, openDatabase } from '../state/session-actions.js';
import { useEditor } from '../state/editor-store.js';
import { openImportDialog } from '../state/import-actions.js';
import { Panel } from './Panel.js';

/** "Open database": a path field with the recent databases (browser), plus the native folder picker (desktop). */
export function DatabasePanel() {
  const database = useEditor((s) => s.database);
  const [path, setPath] = useState('');
  const isDesktop = navigator.userAgent.includes('Electron');

  const submit = (value: string) => {
    const p = value.trim();
    if (p) void openDatabase(p);
  };

  return (
    <Panel id="db" heading="Database">
      <p className="db-path" title={database?.path}>
        <span>{database ? database.path : 'No database open'}</span>
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          submit(path);
        }}
      >
        <input
          aria-label="Open database"
          placeholder="/path/to/pycortex/db"
          list="recent-databases"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" disabled={!path.trim()}>
          Open
        </button>
        {isDesktop && (
          <button
            type="button"
            onClick={() => {
              void chooseDatabase().then((p) => p && submit(p));
            }}
          >
            Browse…
          </button>
        )}
      </form>
      {database && (
        <button type="button" className="link" onClick={openImportDialog}>
          Import FreeSurfer subject…
        </button>
      )}
      <datalist id="recent-databases">
        {database?.recent.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </Panel>
  );
}
