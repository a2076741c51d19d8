/**
 * Marching squares on a binary raster: every boundary between foreground and background pixels
 * becomes a closed ring through edge midpoints between pixel centres. The raster is padded with
 * background, so every ring closes. Saddle cells keep diagonal foreground pixels apart (the
 * foreground is 4-connected), so rings never touch themselves.
 *
 * Rings come out in pixel coordinates (x = column, y = row, row 0 at the top), interleaved x, y.
 * Outer boundaries and hole boundaries wind in opposite directions; {@link isOuterRing} tells
 * them apart.
 */

/** `mask[r·width + c]` non-zero = foreground. */
export function traceRings(mask: Uint8Array, width: number, height: number): Float64Array[] {
  // Padded grid: pixel (r, c) of the mask sits at (r + 1, c + 1); the border is background.
  const pw = width + 2;
  const ph = height + 2;
  const at = (r: number, c: number): number =>
    r <= 0 || c <= 0 || r > height || c > width ? 0 : mask[(r - 1) * width + (c - 1)] ? 1 : 0;

  // Edge-point ids on the padded grid: 2·(r·pw + c) for the horizontal edge (r,c)–(r,c+1),
  // +1 for the vertical edge (r,c)–(r+1,c). next[id] = id of the following point on the ring.
  const next = new Int32Array(2 * pw * ph).fill(-1);
  const starts: number[] = [];
  const crossings = new Int32Array(4);
  const enters = new Uint8Array(4);

  for (let r = 0; r < ph - 1; r++) {
    for (let c = 0; c < pw - 1; c++) {
      const tl = at(r, c);
      const tr = at(r, c + 1);
      const br = at(r + 1, c + 1);
      const bl = at(r + 1, c);
      const code = tl | (tr << 1) | (br << 2) | (bl << 3);
      if (code === 0 || code === 15) continue;
      // Walk the cell clockwise (top, right, bottom, left) and record where it crosses the
      // boundary, and whether the walk enters the foreground there.
      let n = 0;
      const corners = [tl, tr, br, bl];
      const edgeIds = [
        2 * (r * pw + c),
        2 * (r * pw + c + 1) + 1,
        2 * ((r + 1) * pw + c),
        2 * (r * pw + c) + 1,
      ];
      for (let e = 0; e < 4; e++) {
        const a = corners[e];
        const b = corners[(e + 1) & 3];
        if (a !== b) {
          crossings[n] = edgeIds[e];
          enters[n] = b;
          n++;
        }
      }
      // Each entry is joined to the next exit clockwise; a shared edge point is an exit in one
      // cell and an entry in its neighbour, which makes the links consistent across cells.
      for (let i = 0; i < n; i++) {
        if (!enters[i]) continue;
        for (let k = 1; k < n; k++) {
          const j = (i + k) % n;
          if (!enters[j]) {
            next[crossings[i]] = crossings[j];
            starts.push(crossings[i]);
            break;
          }
        }
      }
    }
  }

  const rings: Float64Array[] = [];
  const coords: number[] = [];
  for (const start of starts) {
    if (next[start] < 0) continue;
    coords.length = 0;
    let id = start;
    while (next[id] >= 0) {
      const cell = id >> 1;
      const r = Math.floor(cell / pw);
      const c = cell - r * pw;
      // back to mask pixel coordinates (undo the padding)
      if (id & 1) coords.push(c - 1, r - 0.5);
      else coords.push(c - 0.5, r - 1);
      const following = next[id];
      next[id] = -1;
      id = following;
    }
    if (coords.length >= 6) rings.push(Float64Array.from(coords));
  }
  return rings;
}

/** Shoelace area in pixel coordinates (y down): positive for clockwise-on-screen rings. */
export function signedArea(xy: ArrayLike<number>): number {
  const n = xy.length / 2;
  let a = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  return a / 2;
}

/**
 * Rings traced by {@link traceRings} around foreground wind one way, rings around holes the
 * other; with the clockwise cell walk above, outer rings have negative shoelace area (y down).
 */
export function isOuterRing(xy: ArrayLike<number>): boolean {
  return signedArea(xy) < 0;
}
