import { extname } from 'node:path';
import { parseGiftiSurfaceAsync } from '../../../shared/formats/gifti.js';
import { npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import type { Surface } from '../../../shared/subject.js';
import { fileError, parseOrFail, parseOrFailAsync, readFileOrFail } from '../files/file-errors.js';
import { nodeBase64 } from '../files/node-base64.js';
import { nodeInflateAsync } from '../files/node-inflate.js';

/** One hemisphere surface file: GIFTI, or pycortex's `.npz` with `pts` and `polys`. */
export async function readSurfaceFile(path: string): Promise<Surface> {
  const bytes = await readFileOrFail(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.gii') {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    // the payloads inflate on the thread pool while this thread reads the next file
    return parseOrFailAsync(path, () =>
      parseGiftiSurfaceAsync(text, nodeInflateAsync, { base64: nodeBase64 }),
    );
  }
  if (ext === '.npz') return parseOrFail(path, () => npzSurface(bytes));
  throw fileError(path, new Error(`${ext} surfaces are not supported; convert to GIFTI (.gii)`));
}

function npzSurface(bytes: Uint8Array): Surface {
  const arrays = parseNpz(bytes);
  const pts = arrays.pts;
  const polys = arrays.polys;
  if (!pts || !polys) throw new Error('surface .npz needs arrays "pts" and "polys"');
  if (pts.shape.length !== 2 || pts.shape[1] !== 3)
    throw new Error(`"pts" must be N×3, found ${pts.shape.join('×')}`);
  if (polys.shape.length !== 2 || polys.shape[1] !== 3)
    throw new Error(`"polys" must be M×3, found ${polys.shape.join('×')}`);
  const points = Float32Array.from(npyToFloat64(pts));
  for (let i = 0; i < points.length; i++)
    if (!Number.isFinite(points[i]))
      throw new Error(`vertex ${Math.floor(i / 3)} has a non-finite coordinate (${points[i]})`);
  const idx = npyToFloat64(polys);
  const n = points.length / 3;
  const triangles = new Uint32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    if (!Number.isInteger(idx[i]) || idx[i] < 0 || idx[i] >= n)
      throw new Error(`triangle ${Math.floor(i / 3)} refers to vertex ${idx[i]} but there are ${n}`);
    triangles[i] = idx[i];
  }
  return { points, triangles };
}
