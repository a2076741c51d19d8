import { PIXEL_BLOCK } from '../../../shared/api.js';
import { readdir, rm, writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePixelMap, encodePixelMap, pixelMapKey } from './pixel-cache.js';
import { copyToTemp, SHARED, SHARED_DB } from '../../testing/shared-data.js';
import { flatmapApi } from '../../backend/flatmap-api.js';
import type { BackendContext } from '../../backend/context.js';
import { forgetRecentPixelMaps, pixelMapFor } from './flatmap-engine.js';

/** Typed arrays compared as bytes (deep equality element by element is far too slow here). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

const tiny = {
  width: 2,
  height: 1,
  thick: 32,
  depth: 0.5,
  pixels: new Uint32Array([0]),
  lengths: Uint32Array.from({ length: 33 }, (_, n) => (n === 2 ? 1 : 0)),
  mid: new Int32Array([7, -1]),
  voxels: new Int32Array([7, 9]),
  samples: new Uint8Array([24, 8]),
};

describe('pixel map file format', () => {
  it('round-trips every array and refuses damaged files', () => {
    const bytes = encodePixelMap(tiny);
    const back = decodePixelMap(bytes);
    expect(back).toEqual(tiny);
    expect(() => decodePixelMap(bytes.subarray(0, bytes.length - 4))).toThrow(/bytes, expected/);
    expect(() => decodePixelMap(new Uint8Array(16))).toThrow(/not a pixel map/);
    const lying = encodePixelMap({ ...tiny, lengths: tiny.lengths.map((c, n) => (n === 1 ? 1 : c)) });
    expect(() => decodePixelMap(lying)).toThrow(/inconsistent/);
  });
});

describe.skipIf(!SHARED)('pixel map cache on a copy of sub-hcp32k', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('computes, then serves from memory and from disk; the key follows file content', async () => {
    const db = await copyToTemp(['sub-hcp32k']);
    const cacheDir = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    dirs.push(db, cacheDir);
    const options = { height: 256, thick: 32, depth: 0.5 };
    // two requests at once share one computation
    const [first, twin] = await Promise.all([
      pixelMapFor(db, 'sub-hcp32k', 'func2mm', options, cacheDir),
      pixelMapFor(db, 'sub-hcp32k', 'func2mm', options, cacheDir),
    ]);
    // the twin joins the computation in flight, or (on a loaded machine) arrives after it ended
    // and is served from memory: either way one computation, the very same arrays
    const sources = [first.source, twin.source].sort();
    expect([
      ['computed', 'computed'],
      ['computed', 'memory'],
    ]).toContainEqual(sources);
    expect(twin.map.voxels).toBe(first.map.voxels);
    expect(first.map.width).toBe(628);
    expect(first.map.mid.length).toBe(628 * 256);
    expect(first.map.lengths.length).toBe(Math.ceil((628 * 256) / PIXEL_BLOCK) * 33);
    expect((await pixelMapFor(db, 'sub-hcp32k', 'func2mm', options, cacheDir)).source).toBe('memory');
    forgetRecentPixelMaps();
    const disk = await pixelMapFor(db, 'sub-hcp32k', 'func2mm', options, cacheDir);
    expect(disk.source).toBe('disk');
    for (const k of ['pixels', 'lengths', 'voxels', 'samples', 'mid'] as const)
      expect([k, sameBytes(disk.map[k], first.map[k])]).toEqual([k, true]);
    expect(await readdir(join(cacheDir, 'pixel-maps'))).toHaveLength(1);

    const keyInput = {
      dbPath: db,
      subject: 'sub-hcp32k',
      transform: 'func2mm',
      shape: [80, 99, 75],
      ...options,
    };
    const before = await pixelMapKey(keyInput);
    expect(await pixelMapKey({ ...keyInput, thick: 1 })).not.toBe(before);
    // same name, new content (as after re-registering): a new key, never the stale map
    const xfm = join(db, 'sub-hcp32k', 'transforms', 'func2mm', 'matrices.xfm');
    await writeFile(xfm, (await readFile(xfm, 'utf8')) + '\n');
    expect(await pixelMapKey(keyInput)).not.toBe(before);
  });

  it('the API part validates its arguments and names what is wrong', async () => {
    const ctx = { database: { path: '/nonexistent' }, cacheDir: tmpdir() } as unknown as BackendContext;
    const api = flatmapApi(ctx);
    await expect(
      api.getPixelMap('sub-hcp32k', 'func2mm', { height: 5, thick: 32, depth: 0.5 }),
    ).rejects.toThrow(/height must be an integer/);
    await expect(api.getPixelMap('../x', 'func2mm', { height: 256, thick: 32, depth: 0.5 })).rejects.toThrow(
      /not a subject name/,
    );
    await expect(api.getPixelMap('S1', 'func2mm', { height: 256, thick: 0, depth: 0.5 })).rejects.toThrow(
      /thick/,
    );
    await expect(api.getVertexMap('S1', 256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the API part serves the vertex map and the curvature background', async () => {
    const ctx = {
      database: { path: SHARED_DB },
      cacheDir: await mkdtemp(join(tmpdir(), 'roi-studio-cache-')),
    };
    dirs.push(ctx.cacheDir);
    const api = flatmapApi(ctx as unknown as BackendContext);
    const vm = await api.getVertexMap('sub-hcp32k', 256);
    expect([vm.width, vm.height, vm.vertex.length]).toEqual([628, 256, 628 * 256]);
    const curv = await api.getCurvature('sub-hcp32k', 256);
    const levels = new Set<number>();
    for (let p = 0; p < curv.value.length; p++) {
      levels.add(curv.value[p]);
      expect(Number.isNaN(curv.value[p])).toBe(vm.vertex[p] < 0);
    }
    expect([...levels].filter((v) => !Number.isNaN(v)).sort()).toEqual([0.375, 0.625]);
  });
});
