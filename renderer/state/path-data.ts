/**
 * Closed rings (interleaved x, y in the SVG frame) → path data in the conservative grammar
 * pycortex's membership parser reads (pycortex-formats.md §11.3): absolute `M`/`L`/`Z`, every
 * token separated by one space, every pair `x,y`, plain decimals.
 */

/** Three decimals are far below a pixel of a 1024-high SVG; never exponent notation. */
export function formatCoordinate(v: number): string {
  const s = (Math.round(v * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

export function ringToPathData(ring: readonly number[]): string {
  if (ring.length < 6) throw new Error('a ring needs at least three points');
  const tokens: string[] = [];
  for (let i = 0; i < ring.length; i += 2) {
    tokens.push(i === 0 ? 'M' : 'L', `${formatCoordinate(ring[i])},${formatCoordinate(ring[i + 1])}`);
  }
  tokens.push('Z');
  return tokens.join(' ');
}

/** An open line (a sulcus) in the same grammar: `M`, `L`…, no `Z`. */
export function polylineToPathData(points: readonly number[]): string {
  if (points.length < 4) throw new Error('a line needs at least two points');
  const tokens: string[] = [];
  for (let i = 0; i < points.length; i += 2) {
    tokens.push(i === 0 ? 'M' : 'L', `${formatCoordinate(points[i])},${formatCoordinate(points[i + 1])}`);
  }
  return tokens.join(' ');
}
