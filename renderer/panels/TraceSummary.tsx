import { useEditor } from '../state/editor-store.js';
import { traceSummaryLine } from '../state/traced-rois.js';

/**
 * What the last "Add all labels" did, per label: the ROI and the agreement with the label's
 * vertices of its cleaned and raw outlines (the one added follows the "Raw outlines" box).
 */
export function TraceSummary() {
  const rows = useEditor((s) => s.traceSummary);
  if (!rows) return null;
  return (
    <details className="trace-summary">
      <summary>{traceSummaryLine(rows)}</summary>
      <table aria-label="Traced labels">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">ROI</th>
            <th
              scope="col"
              title="Jaccard between the cleaned outline's vertices and the label's mid-depth vertices"
            >
              Jaccard clean
            </th>
            <th
              scope="col"
              title="Jaccard between the raw label outline's vertices and the label's mid-depth vertices"
            >
              Jaccard raw
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.labelIndex} className={r.status}>
              <td>{r.label}</td>
              <td>
                {r.status === 'added'
                  ? r.roi
                  : r.status === 'exists'
                    ? `skipped: “${r.roi}” exists`
                    : 'not on the flatmap'}
              </td>
              <td className="num">{r.status === 'empty' ? '—' : r.jaccards.clean.toFixed(3)}</td>
              <td className="num">{r.status === 'empty' ? '—' : r.jaccards.raw.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
