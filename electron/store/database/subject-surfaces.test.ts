import { chmod, mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { TETRA, surfaceGifti } from '../../../shared/formats/testing/gifti-fixture.js';
import type { Surface } from '../../../shared/subject.js';
import { SHARED, SHARED_DB, SKIP_REASON, missingReference } from '../../testing/shared-data.js';
import { fiducialSurfaces, loadFlatSurfaces, loadSubjectSurfaces } from './subject-surfaces.js';
import { listSurfaceFiles } from './surface-files.js';

const validCount = (s: Surface) => new Set(s.triangles).size;
function xRange(s: Surface): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < s.points.length; i += 3) {
    lo = Math.min(lo, s.points[i]);
    hi = Math.max(hi, s.points[i]);
  }
  return [lo, hi];
}

describe(`surfaces of the real subjects (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  it.skipIf(missingReference('data/db/S1'))(
    'S1: vertex, triangle and valid counts, flat x ranges',
    async () => {
      const s = await loadSubjectSurfaces(SHARED_DB, 'S1');
      expect([s.flat.lh.points.length / 3, s.flat.rh.points.length / 3]).toEqual([152893, 151487]);
      expect([s.flat.lh.triangles.length / 3, s.flat.rh.triangles.length / 3]).toEqual([291351, 289495]);
      expect([s.wm!.lh.triangles.length / 3, s.wm!.rh.triangles.length / 3]).toEqual([305782, 302970]);
      expect(s.pia!.lh.triangles).toEqual(s.wm!.lh.triangles);
      expect(s.fiducial).toBeUndefined();
      expect([validCount(s.flat.lh), validCount(s.flat.rh)]).toEqual([146460, 145565]);
      const [l0, l1] = xRange(s.flat.lh);
      const [r0, r1] = xRange(s.flat.rh);
      expect([l0, l1, r0, r1].map((v) => Math.round(v * 1000) / 1000)).toEqual([
        -190.848, 190.848, -199.433, 199.433,
      ]);
      const fid = fiducialSurfaces(s)!;
      expect(fid.lh.points[0]).toBeCloseTo((s.wm!.lh.points[0] + s.pia!.lh.points[0]) / 2, 5);
      expect(fid.lh.triangles).toBe(s.wm!.lh.triangles);
    },
  );

  it.skipIf(!SHARED)('sub-hcp32k: 32 492 vertices per hemisphere, valid counts, flat x ranges', async () => {
    const s = await loadSubjectSurfaces(SHARED_DB, 'sub-hcp32k');
    expect([s.flat.lh.points.length / 3, s.flat.rh.points.length / 3]).toEqual([32492, 32492]);
    expect([s.flat.lh.triangles.length / 3, s.flat.rh.triangles.length / 3]).toEqual([59013, 58914]);
    expect([s.wm!.lh.triangles.length / 3, s.pia!.rh.triangles.length / 3]).toEqual([64980, 64980]);
    expect([validCount(s.flat.lh), validCount(s.flat.rh)]).toEqual([29871, 29827]);
    const r = [...xRange(s.flat.lh), ...xRange(s.flat.rh)].map((v) => Math.round(v * 1000) / 1000);
    expect(r).toEqual([-214.245, 231.345, -250.545, 198.469]);
  });

  it.skipIf(!SHARED)('lists only <type>_(lh|rh) surfaces', async () => {
    const files = await listSurfaceFiles(SHARED_DB, 'sub-hcp32k');
    expect([...files.keys()].sort()).toEqual(['flat', 'inflated', 'pia', 'very_inflated', 'wm']);
  });
});

describe('surface validation on made-up subjects', () => {
  const tetra = surfaceGifti();
  const five = surfaceGifti([...TETRA.points, 2, 2, 2], TETRA.triangles);
  async function subject(files: Record<string, string>): Promise<string> {
    const db = await mkdtemp(join(tmpdir(), 'roi-studio-surf-'));
    await mkdir(join(db, 'S', 'surfaces'), { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(db, 'S', 'surfaces', name), text);
    return db;
  }

  it('loads a minimal subject, ignores junk names, prefers .gii', async () => {
    const db = await subject({
      'flat_lh.gii': tetra,
      'flat_rh.gii': tetra,
      'flat_lh_rotbkup00.gii': 'junk',
      '.DS_Store': 'junk',
      'wm_lh.gii': tetra,
      'wm_rh.gii': tetra,
      'wm_lh.npz': 'never read',
    });
    const s = await loadSubjectSurfaces(db, 'S');
    expect(s.flat.lh.points.length).toBe(12);
    expect(s.wm?.rh.triangles.length).toBe(12);
    expect(s.pia).toBeUndefined();
  });

  it('re-reads a subject when a file changes, and memoises otherwise', async () => {
    const db = await subject({ 'flat_lh.gii': tetra, 'flat_rh.gii': tetra });
    const a = await loadSubjectSurfaces(db, 'S');
    expect(await loadSubjectSurfaces(db, 'S')).toBe(a);
    await writeFile(join(db, 'S', 'surfaces', 'flat_rh.gii'), five);
    await writeFile(join(db, 'S', 'surfaces', 'flat_lh.gii'), five);
    const later = new Date(Date.now() + 5000);
    await utimes(join(db, 'S', 'surfaces', 'flat_rh.gii'), later, later);
    const b = await loadSubjectSurfaces(db, 'S');
    expect(b).not.toBe(a);
    expect(b.flat.rh.points.length).toBe(15);
  });

  it('the flat pair alone is the same object as in the full set, and survives a change to wm', async () => {
    const db = await subject({
      'flat_lh.gii': tetra,
      'flat_rh.gii': tetra,
      'wm_lh.gii': tetra,
      'wm_rh.gii': tetra,
    });
    const flat = await loadFlatSurfaces(db, 'S');
    const all = await loadSubjectSurfaces(db, 'S');
    expect(all.flat).toBe(flat);
    await writeFile(join(db, 'S', 'surfaces', 'wm_lh.gii'), five);
    await writeFile(join(db, 'S', 'surfaces', 'wm_rh.gii'), five);
    const later = new Date(Date.now() + 5000);
    await utimes(join(db, 'S', 'surfaces', 'wm_lh.gii'), later, later);
    // wm now has 5 vertices against flat's 4: the full set fails, the flat pair is still good
    await expect(loadSubjectSurfaces(db, 'S')).rejects.toThrow(/wm_lh\.gii: 5 vertices/);
    expect(await loadFlatSurfaces(db, 'S')).toBe(flat);
    // and a flat pair that fails does not poison the full set's next attempt
    await writeFile(join(db, 'S', 'surfaces', 'flat_lh.gii'), 'junk');
    await utimes(join(db, 'S', 'surfaces', 'flat_lh.gii'), later, later);
    await expect(loadFlatSurfaces(db, 'S')).rejects.toThrow(/flat_lh\.gii: not a GIFTI file/);
    await writeFile(join(db, 'S', 'surfaces', 'flat_lh.gii'), five);
    await writeFile(join(db, 'S', 'surfaces', 'flat_rh.gii'), five);
    const evenLater = new Date(Date.now() + 10000);
    await utimes(join(db, 'S', 'surfaces', 'flat_lh.gii'), evenLater, evenLater);
    await utimes(join(db, 'S', 'surfaces', 'flat_rh.gii'), evenLater, evenLater);
    const fixed = await loadSubjectSurfaces(db, 'S');
    expect(fixed.flat.lh.points.length).toBe(15);
    expect(fixed.flat).toBe(await loadFlatSurfaces(db, 'S'));
  });

  const broken: [string, Record<string, string>, string, RegExp][] = [
    ['no surfaces folder', {}, 'NOT_FOUND', /surfaces: file not found/],
    ['no flat surface', { 'wm_lh.gii': tetra, 'wm_rh.gii': tetra }, 'NOT_FOUND', /no flat surface/],
    ['missing hemisphere', { 'flat_lh.gii': tetra }, 'NOT_FOUND', /flat_rh is missing \(found flat_lh\.gii/],
    [
      'missing wm hemisphere',
      { 'flat_lh.gii': tetra, 'flat_rh.gii': tetra, 'wm_rh.gii': tetra },
      'NOT_FOUND',
      /wm_lh is missing/,
    ],
    [
      'vertex counts differ',
      { 'flat_lh.gii': tetra, 'flat_rh.gii': tetra, 'pia_lh.gii': five, 'pia_rh.gii': tetra },
      'INVALID_FILE',
      /pia_lh\.gii: 5 vertices, but flat_lh\.gii has 4/,
    ],
    [
      'NaN coordinate',
      {
        'flat_lh.gii': tetra,
        'flat_rh.gii': surfaceGifti([0, 0, 0, NaN, 0, 0, 0, 1, 0, 0, 0, 1], TETRA.triangles),
      },
      'INVALID_FILE',
      /flat_rh\.gii: vertex 1 has a non-finite coordinate/,
    ],
    [
      'truncated file',
      { 'flat_lh.gii': tetra.slice(0, 300), 'flat_rh.gii': tetra },
      'INVALID_FILE',
      /flat_lh\.gii: .*(truncated|unterminated)/,
    ],
    [
      'bad base64',
      { 'flat_lh.gii': tetra.replace(/<Data>(.{6})./, '<Data>$1!'), 'flat_rh.gii': tetra },
      'INVALID_FILE',
      /flat_lh\.gii: DataArray 0: invalid base64 character "!"/,
    ],
    [
      'not GIFTI',
      { 'flat_lh.gii': tetra, 'flat_rh.gii': '<html></html>' },
      'INVALID_FILE',
      /flat_rh\.gii: not a GIFTI file/,
    ],
    [
      'unsupported format',
      { 'flat_lh.vtk': 'x', 'flat_rh.vtk': 'x' },
      'INVALID_FILE',
      /flat_lh\.vtk: \.vtk surfaces are not supported/,
    ],
  ];
  for (const [name, files, code, msg] of broken)
    it(`${name}: ${code}`, async () => {
      const db = await subject(files);
      if (name === 'no surfaces folder')
        await import('node:fs/promises').then((fs) => fs.rm(join(db, 'S', 'surfaces'), { recursive: true }));
      const err = await loadSubjectSurfaces(db, 'S').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(code);
      expect((err as ApiError).message).toMatch(msg);
    });

  it.skipIf(process.getuid?.() === 0)('unreadable file: permission denied', async () => {
    const db = await subject({ 'flat_lh.gii': tetra, 'flat_rh.gii': tetra });
    await chmod(join(db, 'S', 'surfaces', 'flat_rh.gii'), 0);
    await expect(loadSubjectSurfaces(db, 'S')).rejects.toThrow(/flat_rh\.gii: permission denied/);
  });
});
