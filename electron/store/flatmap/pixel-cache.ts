import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PixelSampling } from '../../../shared/flatmap/pixel-map.js';
import { groupCount, groupStarts } from '../../../shared/flatmap/row-groups.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { fileError } from '../files/file-errors.js';
import { fileHash } from '../files/file-signature.js';
import { matrixFile } from '../database/transforms.js';

/**
 * The pixel map on disk, in ROI Studio's cache folder (never in the user's database), keyed by
 * a hash of the content of everything it is computed from — unlike pycortex's caches, which
 * are keyed by name and go stale silently when a surface is re-imported (§4.8).
 */

const FORMAT = 'roi-studio pixel map v2';
const MAGIC = 0x324d5052; // "RPM2" little-endian

/** Surface files a flatmap depends on: flat, wm, pia and fiducial of both hemispheres. */
const SURFACE_FILE = /^(flat|wm|pia|fiducial)_(lh|rh)\.(gii|npz|vtk|off|stl)$/i;

export interface PixelMapKeyInput {
  dbPath: string;
  subject: string;
  transform: string;
  /** reference grid (nx, ny, nz) */
  shape: readonly number[];
  height: number;
  thick: number;
  depth: number;
}

/** Hash of the surfaces, matrices.xfm (the anatomy for `identity`), reference shape and sampling options. */
export async function pixelMapKey(input: PixelMapKeyInput): Promise<string> {
  const { dbPath, subject, transform, shape, height, thick, depth } = input;
  const surfDir = join(dbPath, subject, 'surfaces');
  let names: string[];
  try {
    names = (await readdir(surfDir)).filter((n) => SURFACE_FILE.test(n)).sort();
  } catch (e) {
    throw fileError(surfDir, e);
  }
  const xfm = matrixFile(dbPath, subject, transform);
  const parts = await Promise.all([...names.map((n) => fileHash(join(surfDir, n))), fileHash(xfm)]);
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\n${names.join(',')}\n${parts.join(',')}\n`);
  hash.update(`shape=${shape.join('x')} height=${height} thick=${thick} depth=${depth}\n`);
  return hash.digest('hex').slice(0, 32);
}

export function pixelMapFile(cacheDir: string, subject: string, key: string): string {
  return join(cacheDir, 'pixel-maps', `${subject.replace(/[^\w.-]/g, '_')}-${key}.bin`);
}

/**
 * Layout: u32 magic, u32 header length, JSON header {width, height, thick, depth, listed,
 * entries}, zero padding to a multiple of 8, then lengths (u32 × blocks·(thick+1)), pixels (u32 ×
 * listed), mid (i32 × width·height), voxels (i32 × entries), samples (u8 × entries), all
 * little-endian.
 */
export function encodePixelMap(map: PixelSampling): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      width: map.width,
      height: map.height,
      thick: map.thick,
      depth: map.depth,
      listed: map.pixels.length,
      entries: map.voxels.length,
    }),
  );
  const start = Math.ceil((8 + header.length) / 8) * 8;
  const arrays = [map.lengths, map.pixels, map.mid, map.voxels, map.samples];
  const total = start + arrays.reduce((s, a) => s + a.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

export function decodePixelMap(bytes: Uint8Array): PixelSampling {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a pixel map file');
  const headerLength = view.getUint32(4, true);
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    width: number;
    height: number;
    thick: number;
    depth: number;
    listed: number;
    entries: number;
  };
  const pixels = h.width * h.height;
  let at = Math.ceil((8 + headerLength) / 8) * 8;
  const stride = h.thick + 1;
  const groups = groupCount(pixels, h.thick);
  const need = at + 4 * groups + 4 * h.listed + 4 * pixels + 5 * h.entries;
  if (bytes.length !== need) throw new Error(`pixel map file has ${bytes.length} bytes, expected ${need}`);
  // copy into fresh, aligned buffers (a Node Buffer's slice is a view into a shared pool)
  const take = (n: number): ArrayBuffer => {
    const buf = new Uint8Array(bytes.subarray(at, at + n)).buffer;
    at += n;
    return buf;
  };
  const lengths = new Uint32Array(take(4 * groups));
  const listed = new Uint32Array(take(4 * h.listed));
  const mid = new Int32Array(take(4 * pixels));
  const voxels = new Int32Array(take(4 * h.entries));
  const samples = new Uint8Array(take(h.entries));
  const totals = groupStarts(lengths, stride);
  // no pixel is listed with zero entries (group n = 0 of every block)
  let empty = 0;
  for (let g = 0; g < groups; g += stride) empty += lengths[g];
  if (totals.listed !== h.listed || totals.entries !== h.entries || empty !== 0)
    throw new Error('pixel map file is inconsistent');
  return {
    width: h.width,
    height: h.height,
    thick: h.thick,
    depth: h.depth,
    pixels: listed,
    lengths,
    mid,
    voxels,
    samples,
  };
}

/** The cached map, or null when absent or unreadable (a damaged entry is removed). */
export async function readPixelMapCache(file: string): Promise<PixelSampling | null> {
  let bytes;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  try {
    return decodePixelMap(bytes);
  } catch {
    await unlink(file).catch(() => undefined);
    return null;
  }
}

/** Write atomically (temporary file + rename) so a concurrent reader never sees half a map. */
export async function writePixelMapCache(file: string, map: PixelSampling): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, encodePixelMap(map), { flush: false }); // a cache can be recomputed
}
