#!/usr/bin/env node
// Draws the application icon (build/icon.png, 1024×1024) with pngjs: two grey flatmap
// hemispheres on a dark rounded square, one with an orange ROI outline. Deterministic;
// electron-builder derives the .ico/.icns from this PNG. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const N = 1024;
const png = new PNG({ width: N, height: N });

/** Coverage 0..1 from a signed distance in pixels (negative inside): a one-pixel soft edge. */
const cover = (d) => Math.min(1, Math.max(0, 0.5 - d));

function roundedSquare(x, y) {
  const r = 200;
  const m = 40;
  const qx = Math.abs(x - N / 2) - (N / 2 - m - r);
  const qy = Math.abs(y - N / 2) - (N / 2 - m - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Approximate signed distance to an ellipse (good enough for an icon edge). */
function ellipse(x, y, cx, cy, rx, ry) {
  const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return (k - 1) * Math.min(rx, ry);
}

const hemis = [
  [300, 520, 200, 300],
  [724, 520, 200, 300],
];
const roi = { cx: 290, cy: 420, rx: 110, ry: 85, width: 26 };

function blend(dst, rgb, a) {
  for (let i = 0; i < 3; i++) dst[i] = dst[i] * (1 - a) + rgb[i] * a;
  dst[3] = Math.max(dst[3], a);
}

for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    const px = [0, 0, 0, 0];
    const cx = x + 0.5;
    const cy = y + 0.5;
    blend(px, [31, 41, 55], cover(roundedSquare(cx, cy)));
    for (const [hx, hy, rx, ry] of hemis) blend(px, [203, 210, 220], cover(ellipse(cx, cy, hx, hy, rx, ry)));
    // sulci: a few darker bands across the hemispheres
    const inBrain = hemis.some(([hx, hy, rx, ry]) => ellipse(cx, cy, hx, hy, rx, ry) < 0);
    if (inBrain) {
      const band = Math.abs(Math.sin(cy / 45 + 1.6 * Math.sin(cx / 70)));
      blend(px, [150, 158, 170], band < 0.18 ? 0.9 : 0);
    }
    const ring = Math.abs(ellipse(cx, cy, roi.cx, roi.cy, roi.rx, roi.ry)) - roi.width / 2;
    blend(px, [249, 115, 22], cover(ring));
    const o = (y * N + x) * 4;
    png.data[o] = Math.round(px[0]);
    png.data[o + 1] = Math.round(px[1]);
    png.data[o + 2] = Math.round(px[2]);
    png.data[o + 3] = Math.round(px[3] * 255);
  }
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, PNG.sync.write(png, { deflateLevel: 9 }));
console.log(`wrote ${out}`);
