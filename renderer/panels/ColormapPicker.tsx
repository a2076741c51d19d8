import { useMemo, useState } from 'react';
import { COLORMAPS, colormapLut, lutSize } from '../../shared/flatmap/colormaps.js';

const gradients = new Map<string, string>();

/** A CSS gradient through a colour map, left to right (9 stops are enough at swatch sizes). */
export function lutGradient(name: string): string {
  const known = gradients.get(name);
  if (known) return known;
  const lut = colormapLut(name);
  const last = lutSize(lut) - 1;
  const stops: string[] = [];
  for (let i = 0; i <= 8; i++) {
    const k = Math.round((i / 8) * last);
    const a = lut[4 * k + 3] / 255;
    stops.push(`rgba(${lut[4 * k]},${lut[4 * k + 1]},${lut[4 * k + 2]},${a}) ${(i / 8) * 100}%`);
  }
  const gradient = `linear-gradient(to right, ${stops.join(', ')})`;
  gradients.set(name, gradient);
  return gradient;
}

/** Every colour map by name, searchable, each with a swatch; Enter in the search takes the first match. */
export function ColormapPicker({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? COLORMAPS.filter((c) => c.id.toLowerCase().includes(q)) : COLORMAPS;
  }, [query]);
  return (
    <div className="field colormap-picker">
      <span>Colour map</span>
      <input
        type="search"
        aria-label="Find colour map"
        placeholder={`${value} — search ${COLORMAPS.length} maps`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches.length > 0) {
            e.preventDefault();
            onChange(matches[0].id);
            setQuery('');
          }
        }}
      />
      <ul className="colormap-list" role="listbox" aria-label="Colour map">
        {matches.map((c) => (
          <li
            key={c.id}
            role="option"
            aria-selected={c.id === value}
            tabIndex={0}
            title={c.id}
            onClick={() => onChange(c.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onChange(c.id);
              }
            }}
          >
            <span
              className="colormap-swatch"
              ref={(el) => el?.style.setProperty('background', lutGradient(c.id))}
            />
            {c.label}
          </li>
        ))}
        {matches.length === 0 && <li className="hint">No colour map matches “{query}”</li>}
      </ul>
    </div>
  );
}
