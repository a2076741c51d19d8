/** numpy's `round` (half to even): 2.5 → 2, 3.5 → 4, −0.5 → −0. `Math.round` sends halves up. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
