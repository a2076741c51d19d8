import { useState } from 'react';
import type { TransformInfo } from '../../shared/api.js';
import { openAddTransformDialog } from '../state/add-transform-actions.js';
import { useEditor } from '../state/editor-store.js';
import {
  chooseTemplateFile,
  openSubject,
  selectTemplate,
  selectTransform,
  subjectSummary,
} from '../state/session-actions.js';
import { Panel } from './Panel.js';

/** "Subject", "Transform" and "Template" pickers; a template can also be a file the user names. */
export function SessionPickers() {
  const subjects = useEditor((s) => s.subjects);
  const subject = useEditor((s) => s.subject);
  const transform = useEditor((s) => s.transform);
  const templatePath = useEditor((s) => s.templatePath);
  const summary = useEditor((s) => subjectSummary(s.subject));
  const [filePath, setFilePath] = useState('');
  const isDesktop = navigator.userAgent.includes('Electron');
  const templates = summary?.templates ?? [];
  const otherFile = templatePath && !templates.some((t) => t.path === templatePath);
  const chosenTransform = summary?.transforms.find((t) => t.name === transform);

  return (
    <Panel id="session" heading="Session">
      <label className="field">
        <span>Subject</span>
        <select aria-label="Subject" value={subject ?? ''} onChange={(e) => void openSubject(e.target.value)}>
          <option value="" disabled>
            {subjects.length === 0 ? 'No subjects' : 'Choose a subject…'}
          </option>
          {subjects.map((s) => (
            <option key={s.name} value={s.name} disabled={Boolean(s.problem)} title={s.problem}>
              {s.name}
              {s.problem ? ' (cannot open)' : ''}
            </option>
          ))}
        </select>
      </label>
      {summary?.warning && <p className="warning">{summary.warning}</p>}
      <label className="field">
        <span>Transform</span>
        <select
          aria-label="Transform"
          value={transform ?? ''}
          // the narrow sidebar cuts long names: the whole one shows on hover
          title={chosenTransform ? transformLabel(chosenTransform) : undefined}
          disabled={!summary}
          onChange={(e) => void selectTransform(e.target.value)}
        >
          <option value="" disabled>
            {summary && summary.transforms.length === 0 ? 'No transforms' : 'Choose…'}
          </option>
          {summary?.transforms.map((t) => (
            <option key={t.name} value={t.name}>
              {transformLabel(t)}
            </option>
          ))}
        </select>
      </label>
      {summary && (
        <button type="button" className="link" onClick={openAddTransformDialog}>
          Add transform…
        </button>
      )}
      <label className="field">
        <span>Template</span>
        <select
          aria-label="Template"
          value={templatePath ?? ''}
          title={templatePath ?? undefined}
          disabled={!summary}
          onChange={(e) => void selectTemplate(e.target.value || null)}
        >
          <option value="">None</option>
          {templates.map((t) => (
            <option key={t.path} value={t.path}>
              {t.name}
              {t.kind === 'vertex' ? ' (per vertex)' : ''}
            </option>
          ))}
          {otherFile && <option value={templatePath}>{templatePath.split(/[\\/]/).pop()}</option>}
        </select>
      </label>
      {summary && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (filePath.trim()) void selectTemplate(filePath.trim());
          }}
        >
          <input
            aria-label="Template file"
            placeholder="other volume (.nii.gz path)"
            value={filePath}
            onChange={(e) => setFilePath(e.target.value)}
          />
          <button type="submit" disabled={!filePath.trim()}>
            Show
          </button>
          {isDesktop && (
            <button
              type="button"
              onClick={() => void chooseTemplateFile().then((p) => (p ? selectTemplate(p) : undefined))}
            >
              Browse…
            </button>
          )}
        </form>
      )}
    </Panel>
  );
}

/** A transform as the picker lists it: its name and the shape of its reference volume. */
function transformLabel(t: TransformInfo): string {
  return `${t.name} (${t.shape.join('×')})`;
}
