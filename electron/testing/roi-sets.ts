import { expect } from 'vitest';
import type { RoiVertices } from '../../shared/api.js';

/** Compare vertex sets ROI by ROI, printing every difference; returns the number of differing vertices. */
export function compareSets(
  label: string,
  got: Record<string, RoiVertices>,
  golden: Record<string, RoiVertices>,
): number {
  let diff = 0;
  let total = 0;
  expect(Object.keys(got)).toEqual(Object.keys(golden));
  for (const [name, g] of Object.entries(golden))
    for (const h of ['lh', 'rh'] as const) {
      const mine = new Set(got[name]?.[h] ?? []);
      const ref = new Set(g[h]);
      total += ref.size;
      const extra = [...mine].filter((v) => !ref.has(v));
      const missing = [...ref].filter((v) => !mine.has(v));
      if (extra.length || missing.length)
        console.log(`${label} ${name} ${h}: extra ${extra.slice(0, 20)} missing ${missing.slice(0, 20)}`);
      diff += extra.length + missing.length;
    }
  console.log(`${label}: ${Object.keys(golden).length} ROIs, ${total} golden vertices, ${diff} differing`);
  return diff;
}
