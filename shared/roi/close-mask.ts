/**
 * Morphological closing of a binary mask with a (2r+1)² square: dilate, then erode. Holes and
 * slits up to 2r pixels wide fill in while the outline elsewhere stays where it was, which is
 * what speckled voxels in a label need before tracing. The mask is padded by r so the result
 * does not depend on where its bounding box was cut.
 */
export function closeMask(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask;
  const r = Math.round(radius);
  const pw = width + 2 * r;
  const ph = height + 2 * r;
  let padded: Uint8Array = new Uint8Array(pw * ph);
  for (let y = 0; y < height; y++) padded.set(mask.subarray(y * width, (y + 1) * width), (y + r) * pw + r);
  padded = squareFilter(squareFilter(padded, pw, ph, r, 1), pw, ph, r, 0);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    out.set(padded.subarray((y + r) * pw + r, (y + r) * pw + r + width), y * width);
  return out;
}

/**
 * Separable square filter: a pixel becomes `hit` when any pixel within r (rows, then columns)
 * is `hit` — dilation for hit = 1, erosion for hit = 0 (the padding keeps the edge out of reach).
 */
function squareFilter(src: Uint8Array, w: number, h: number, r: number, hit: 0 | 1): Uint8Array {
  const pass = (input: Uint8Array, along: number, across: number, step: number, stride: number) => {
    const out = new Uint8Array(input.length);
    // distance to the last `hit` pixel seen, scanning both ways
    const near = new Float64Array(along);
    for (let a = 0; a < across; a++) {
      const base = a * stride;
      let last = -Infinity;
      for (let i = 0; i < along; i++) {
        if (input[base + i * step] === hit) last = i;
        near[i] = i - last;
      }
      last = Infinity;
      for (let i = along - 1; i >= 0; i--) {
        if (input[base + i * step] === hit) last = i;
        const d = Math.min(near[i], last - i);
        out[base + i * step] = d <= r ? hit : 1 - hit;
      }
    }
    return out;
  };
  return pass(pass(src, w, h, 1, w), h, w, w, 1);
}
