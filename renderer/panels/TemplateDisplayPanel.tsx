import { useMemo } from 'react';
import { LIMITS } from '../../shared/api-limits.js';
import { labelColour, labelsPresent } from '../canvas/raster-images.js';
import { isLabelTemplate, templateLabels, templateValues } from '../canvas/template-image.js';
import { editor, useEditor } from '../state/editor-store.js';
import { addAllLabels, traceLabelAsRoi } from '../state/roi-actions.js';
import { ColormapPicker, lutGradient } from './ColormapPicker.js';
import { Panel } from './Panel.js';
import { TraceSummary } from './TraceSummary.js';

/** Opacity, colour map and range for data; a legend with "show only" for label templates. */
export function TemplateDisplayPanel() {
  const template = useEditor((s) => s.template);
  const display = useEditor((s) => s.display);
  const busy = useEditor((s) => s.busy !== null);
  const traceRaw = useEditor((s) => s.traceRaw);
  const labels = template ? templateLabels(template) : undefined;
  const categorical = template ? isLabelTemplate(template, display) : false;
  const present = useMemo(
    () => (template && categorical ? labelsPresent(templateValues(template, true)) : []),
    [template, categorical],
  );
  if (!template) return null;
  const setDisplay = (change: Partial<typeof display>) =>
    editor.set({ display: { ...editor.get().display, ...change } });

  return (
    <Panel id="template" heading={template.info.name} title={template.info.path}>
      <label className="field">
        <span>Opacity</span>
        <input
          type="range"
          aria-label="Template opacity"
          min={LIMITS.opacity.min}
          max={LIMITS.opacity.max}
          step={0.05}
          value={display.opacity}
          onChange={(e) => setDisplay({ opacity: Number(e.target.value) })}
        />
      </label>
      <label className="field">
        <span>Show as</span>
        <select
          aria-label="Show as"
          value={categorical ? 'labels' : 'data'}
          onChange={(e) => setDisplay({ asLabels: e.target.value === 'labels', onlyLabel: null })}
        >
          <option value="labels">Labels</option>
          <option value="data">Data (colour map)</option>
        </select>
      </label>
      {categorical && template.kind === 'volume' && (
        <div className="row template-actions">
          <button
            type="button"
            title="Outline every label of this template as an ROI (one undoable step; names already used are skipped)"
            disabled={busy}
            onClick={() => void addAllLabels()}
          >
            Add all labels
          </button>
          <label
            className="checkbox"
            title="Outline labels voxel by voxel, speckle, slits and holes included; unticked, holes and slits about a voxel wide are closed and islands under two voxels dropped"
          >
            <input
              type="checkbox"
              checked={traceRaw}
              onChange={(e) => editor.set({ traceRaw: e.target.checked })}
            />
            Raw outlines
          </label>
        </div>
      )}
      {categorical ? (
        <ul className="legend" aria-label="Legend">
          {present.map(({ index }) => {
            const [r, g, b] = labelColour(index, labels);
            const name = labels?.find((l) => l.index === index)?.name ?? `label ${index}`;
            const only = display.onlyLabel === index;
            return (
              <li key={index}>
                <button
                  type="button"
                  className="legend-item"
                  aria-pressed={only}
                  title={only ? 'Show all labels' : `Show only label ${index}`}
                  onClick={() => setDisplay({ onlyLabel: only ? null : index })}
                >
                  <span
                    className="swatch"
                    ref={(el) => el?.style.setProperty('background', `rgb(${r},${g},${b})`)}
                  />
                  <span className="legend-index">{index}</span> {name}
                </button>
                {only && template.kind === 'volume' && (
                  <button
                    type="button"
                    className="trace-label"
                    aria-label={`Outline ${name} as ROI`}
                    title="Make an ROI from this label's outline, to edit by hand"
                    onClick={() => void traceLabelAsRoi(index, name)}
                  >
                    Outline as ROI
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <>
          <ColormapPicker value={display.colormap} onChange={(colormap) => setDisplay({ colormap })} />
          <div className="row">
            <label className="field compact">
              <span>vmin</span>
              <input
                type="number"
                aria-label="vmin"
                step="any"
                value={display.vmin}
                onChange={(e) => setDisplay({ vmin: Number(e.target.value) })}
              />
            </label>
            <label className="field compact">
              <span>vmax</span>
              <input
                type="number"
                aria-label="vmax"
                step="any"
                value={display.vmax}
                onChange={(e) => setDisplay({ vmax: Number(e.target.value) })}
              />
            </label>
          </div>
          <Colorbar name={display.colormap} vmin={display.vmin} vmax={display.vmax} />
        </>
      )}
      <TraceSummary />
    </Panel>
  );
}

function Colorbar({ name, vmin, vmax }: { name: string; vmin: number; vmax: number }) {
  const gradient = useMemo(() => lutGradient(name), [name]);
  return (
    <figure className="colorbar" aria-label="Colorbar">
      <div className="colorbar-ramp" ref={(el) => el?.style.setProperty('background', gradient)} />
      <figcaption>
        <span>{fmt(vmin)}</span>
        <span>{fmt(vmax)}</span>
      </figcaption>
    </figure>
  );
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
