import { useMemo } from 'react';
import { isLabelTemplate } from '../canvas/template-image.js';
import { useEditor, useSavedMembership } from '../state/editor-store.js';
import { roiMembership } from '../state/roi-counts.js';
import { selectedRoiStats } from '../state/roi-stats.js';
import { Panel } from './Panel.js';

/** Shown labels under this share are summed into one "other labels" line. */
const MIN_PERCENT = 1;
const MAX_ROWS = 8;

/** The selected ROI's figures: vertices per hemisphere, flat area, overlap with the template's labels. */
export function RoiStatsPanel() {
  const roi = useEditor((s) => s.doc.rois.find((r) => r.key === s.selectedKey) ?? null);
  const geometry = useEditor((s) => s.subjectData?.geometry ?? null);
  const vertexMap = useEditor((s) => s.subjectData?.vertexMap ?? null);
  // only whether the template shows as labels matters here, not the colour map or range
  const labelTemplate = useEditor((s) =>
    s.template && isLabelTemplate(s.template, s.display) ? s.template : null,
  );
  const saved = useSavedMembership((s) => s.byName);

  const result = useMemo(() => {
    if (!roi || !geometry) return null;
    const membership = roiMembership(roi, geometry, saved);
    if ('error' in membership) return membership;
    return selectedRoiStats(membership, geometry, labelTemplate, vertexMap);
  }, [roi, geometry, saved, labelTemplate, vertexMap]);

  if (!roi || !result) return null;
  if ('error' in result) return null; // the ROI list already shows why
  const overlap = result.overlap ?? [];
  const shown = overlap.filter((o) => o.percent >= MIN_PERCENT).slice(0, MAX_ROWS);
  const rest = overlap.length - shown.length;
  const restPercent = overlap.slice(shown.length).reduce((a, o) => a + o.percent, 0);
  return (
    <Panel
      id="roi-stats"
      className="roi-stats"
      heading={roi.name}
      title={roi.name}
      label={`Statistics of ${roi.name}`}
    >
      <dl className="stats">
        <dt>Vertices</dt>
        <dd aria-label="Vertices per hemisphere">
          {result.lh} lh · {result.rh} rh
        </dd>
        <dt>Flat area</dt>
        <dd aria-label="Flat area">{formatArea(result.flatAreaMm2)} mm²</dd>
      </dl>
      {labelTemplate && result.overlap && (
        <>
          <h3>Inside {labelTemplate.info.name} labels</h3>
          {overlap.length === 0 ? (
            <p className="hint">No label under this ROI.</p>
          ) : (
            <ul className="overlap" aria-label="Overlap with template labels">
              {shown.map((o) => (
                <li key={o.label}>
                  <span className="bar" ref={(el) => el?.style.setProperty('--share', `${o.percent}%`)} />
                  <span className="name">{o.name ?? `label ${o.label}`}</span>
                  <span className="num">{o.percent.toFixed(1)} %</span>
                </li>
              ))}
              {rest > 0 && (
                <li className="muted">
                  <span className="name">
                    {rest} other label{rest === 1 ? '' : 's'}
                  </span>
                  <span className="num">{restPercent.toFixed(1)} %</span>
                </li>
              )}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}

function formatArea(mm2: number): string {
  return mm2 >= 100 ? mm2.toFixed(0) : mm2.toFixed(1);
}
