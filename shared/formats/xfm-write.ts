/**
 * `matrices.xfm` as pycortex's `save_xfm` writes it (pycortex-formats.md §3.1): JSON with
 * `sort_keys=True, indent=4` and Python float formatting, no trailing newline.
 */

export function encodeXfm(m: { coord: number[][]; magnet: number[][] }): string {
  const matrix = (rows: number[][]) =>
    '[\n' +
    rows
      .map(
        (row) => '        [\n' + row.map((x) => `            ${pythonFloat(x)}`).join(',\n') + '\n        ]',
      )
      .join(',\n') +
    '\n    ]';
  return `{\n    "coord": ${matrix(m.coord)},\n    "magnet": ${matrix(m.magnet)}\n}`;
}

/** Python's `repr(float)`: shortest round-trip digits, `.0` on integers, exponent from 1e16 and below 1e-4. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [mant, exp] = x.toExponential().split('e');
    const sign = exp[0] === '-' ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  const s = Object.is(x, -0) ? '-0' : String(x);
  return s.includes('.') ? s : `${s}.0`;
}
