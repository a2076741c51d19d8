import { useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import type { ShellBridge } from '../shared/menu.js';
import { FlatmapView } from './canvas/FlatmapView.js';
import { DatabasePanel } from './panels/DatabasePanel.js';
import { ConflictDialog, DraftBanner, NameDialog, ProblemBanner } from './panels/Dialogs.js';
import { AddTransformDialog } from './panels/AddTransformDialog.js';
import { ExportDialog } from './panels/ExportDialog.js';
import { ImportDialog } from './panels/ImportDialog.js';
import { FirstRun } from './panels/FirstRun.js';
import { HelpPanel } from './panels/HelpPanel.js';
import { RoiList } from './panels/RoiList.js';
import { RoiStatsPanel } from './panels/RoiStatsPanel.js';
import { SessionPickers } from './panels/SessionPickers.js';
import { SidebarResizer, useSidebarWidth } from './panels/SidebarResizer.js';
import { StageHint } from './panels/StageHint.js';
import { StatusBar } from './panels/StatusBar.js';
import { TemplateDisplayPanel } from './panels/TemplateDisplayPanel.js';
import { ThemeSwitch } from './panels/ThemeSwitch.js';
import { rotate, Toolbar, zoomStep } from './panels/Toolbar.js';
import { startDraftAutosave } from './state/draft-autosave.js';
import { openAddTransformDialog } from './state/add-transform-actions.js';
import { openExportDialog } from './state/export-actions.js';
import { openImportDialog } from './state/import-actions.js';
import { editor, isDirty, redoEdit, undoEdit, useEditor } from './state/editor-store.js';
import { openDatabase, save, startEditor } from './state/session-actions.js';
import { handleShortcut } from './state/shortcuts.js';
import { StageSplit } from './surface/StageSplit.js';

/** The editor window: pickers and lists on the left, the flatmap in the middle, status below. */
export function App({ shell }: { shell: ShellBridge }) {
  const [help, setHelp] = useState(false);
  const subject = useEditor((s) => s.subject);
  const hasMap = useEditor((s) => s.subjectData !== null);
  const dirty = useEditor(isDirty);
  const [sidebarWidth, setSidebarWidth] = useSidebarWidth();

  useEffect(() => {
    void startEditor();
    return startDraftAutosave();
  }, []);

  useEffect(() => shell.setDirty(dirty), [shell, dirty]);

  useEffect(
    () =>
      shell.onMenuCommand((c) => {
        if (c.command === 'open-database') void openDatabase(c.path);
        else if (c.command === 'save') void save();
        else if (c.command === 'export') openExportDialog(c.out);
        else if (c.command === 'add-transform') openAddTransformDialog();
        else if (c.command === 'import-freesurfer') openImportDialog();
        else if (c.command === 'undo') undoEdit();
        else if (c.command === 'redo') redoEdit();
        else if (c.command === 'zoom-fit') editor.set({ fitRequest: editor.get().fitRequest + 1 });
        else if (c.command === 'zoom-in') zoomStep('in');
        else if (c.command === 'zoom-out') zoomStep('out');
        else if (c.command === 'rotate-left') rotate(-90);
        else if (c.command === 'rotate-right') rotate(90);
      }),
    [shell],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(e, () => setHelp(true));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          ROI Studio{subject ? <span className="subject-name"> — {subject}</span> : null}
          {dirty && (
            <span className="dirty-marker" aria-label="Unsaved changes" title="Unsaved changes">
              {' '}
              •
            </span>
          )}
        </h1>
        <Toolbar onHelp={() => setHelp(true)} />
        <ThemeSwitch />
      </header>
      <ProblemBanner />
      <DraftBanner />
      <div className="workspace" style={{ '--sidebar-width': `${sidebarWidth}px` } as CSSProperties}>
        <aside className="sidebar">
          <DatabasePanel />
          <SessionPickers />
          <TemplateDisplayPanel />
          <RoiList />
          <RoiStatsPanel />
        </aside>
        <SidebarResizer width={sidebarWidth} onResize={setSidebarWidth} />
        <main className="stage-area">
          <StageSplit>
            <FlatmapView />
            {!hasMap && <StageHint />}
            <FirstRun />
          </StageSplit>
        </main>
      </div>
      <StatusBar />
      <NameDialog />
      <ConflictDialog />
      <ExportDialog />
      <AddTransformDialog />
      <ImportDialog />
      {help && <HelpPanel onClose={() => setHelp(false)} />}
    </div>
  );
}
