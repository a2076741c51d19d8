/**
 * A CSS font size as pycortex's `labelsize` takes it ('20pt', '16px', or a bare number, which
 * SVG reads as user units), in SVG user units (1pt = 4/3 units). Throws on anything else.
 */
export function cssSizeUnits(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|px)?\s*$/i.exec(text);
  if (!m) throw new Error(`a size is a number with pt or px (e.g. 20pt), got ${JSON.stringify(text)}`);
  const v = Number(m[1]);
  return m[2]?.toLowerCase() === 'pt' ? (v * 4) / 3 : v;
}
