import { describe, expect, it } from 'vitest';
import { parseFslMat } from './fsl-mat.js';
import { parseLta } from './lta.js';
import { RegistrationFileError } from './matrix-text.js';
import { encodeMgh, readMghGeometry } from './mgh.js';
import { parseRegisterDat } from './register-dat.js';
import { scannerVox2ras, tkrVox2ras } from './volume-geometry.js';

const REGISTER_DAT = `bert
1.800000
1.800000
0.150000
-9.976736768912529e-01 1.376078880315518e-02 6.676749652876132e-02 1.122207013659605e+00
6.676612258022205e-02 -5.592707699052625e-04 9.977684835229734e-01 -9.825807260590793e+00
-1.376742371090603e-02 -9.999051826955802e-01 3.607844812289039e-04 -1.289857285929102e+00
0.000000000000000e+00 0.000000000000000e+00 0.000000000000000e+00 1.000000000000000e+00
round
`;

const LTA = `# transform file /subjects/bert/func/register.lta
# created by bert on Sun Dec  6 2026

type      = 1 # LINEAR_RAS_TO_RAS
nxforms   = 1
mean      = 0.0000 0.0000 0.0000
sigma     = 1.0000
1 4 4
1.000000000000000e+00 0.000000000000000e+00 0.000000000000000e+00 2.000000000000000e+00
0.000000000000000e+00 1.000000000000000e+00 0.000000000000000e+00 -3.000000000000000e+00
0.000000000000000e+00 0.000000000000000e+00 1.000000000000000e+00 4.000000000000000e+00
0.000000000000000e+00 0.000000000000000e+00 0.000000000000000e+00 1.000000000000000e+00
src volume info
valid = 1  # volume info valid
filename = /data/func #1.nii.gz
volume = 81 104 83
voxelsize = 1.8 1.8 1.8
xras   = 1 0 0
yras   = 0 1 0
zras   = 0 0 1
cras   = 2.5 -3 4
dst volume info
valid = 1  # volume info valid
filename = /subjects/bert/mri/orig.mgz
volume = 256 256 256
voxelsize = 1 1 1
xras   = -1 0 0
yras   = 0 0 -1
zras   = 0 1 0
cras   = 1.5 -17.25 11.75
subject bert
fscale 0.100000
`;

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RegistrationFileError);
    return (e as Error).message;
  }
  throw new Error('expected a RegistrationFileError');
};

describe('register.dat', () => {
  it('reads the subject, voxel sizes and the anat tkr → func tkr matrix', () => {
    const r = parseRegisterDat(REGISTER_DAT);
    expect([r.subject, r.inplane, r.thickness]).toEqual(['bert', 1.8, 1.8]);
    expect(r.matrix[0]).toEqual([
      -0.9976736768912529, 0.01376078880315518, 0.06676749652876132, 1.122207013659605,
    ]);
    expect(r.matrix[3]).toEqual([0, 0, 0, 1]);
  });
  it('rejects truncated and inconsistent files, saying where', () => {
    const lines = REGISTER_DAT.split('\n');
    expect(message(() => parseRegisterDat(lines.slice(0, 6).join('\n')))).toMatch(/truncated: 6 line\(s\)/);
    expect(message(() => parseRegisterDat(''))).toMatch(/line 1 must name the FreeSurfer subject/);
    expect(message(() => parseRegisterDat(REGISTER_DAT.replace('0.150000', 'abc')))).toMatch(
      /line 4 must be the intensity scale/,
    );
    expect(message(() => parseRegisterDat(REGISTER_DAT.replace('1.122207013659605e+00', '')))).toMatch(
      /line 5: expected 4 numbers/,
    );
    const projective = lines.map((l, i) => (i === 7 ? '0 0 0.5 1' : l)).join('\n');
    expect(message(() => parseRegisterDat(projective))).toMatch(
      /line 8: the last matrix row must be 0 0 0 1/,
    );
    expect(message(() => parseRegisterDat(REGISTER_DAT.replace('round', 'mean')))).toMatch(/line 9/);
  });
});

describe('LTA', () => {
  it('reads a RAS→RAS transform with both volume geometries and the subject', () => {
    const l = parseLta(LTA);
    expect(l.type).toBe('ras2ras');
    expect(l.matrix[1]).toEqual([0, 1, 0, -3]);
    expect(l.subject).toBe('bert');
    expect(l.src).toEqual({
      dims: [81, 104, 83],
      voxelSize: [1.8, 1.8, 1.8],
      directions: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      center: [2.5, -3, 4],
    });
    expect(l.dst?.center).toEqual([1.5, -17.25, 11.75]);
    // the dst geometry is FreeSurfer's conformed LIA grid: vox2ras as mri_info prints it
    expect(scannerVox2ras(l.dst!)).toEqual([
      [-1, 0, 0, 129.5],
      [0, 0, 1, -145.25],
      [0, -1, 0, 139.75],
      [0, 0, 0, 1],
    ]);
    expect(parseLta(LTA.replace('type      = 1 # LINEAR_RAS_TO_RAS', 'type = 0')).type).toBe('vox2vox');
  });
  it('rejects other types, several transforms, truncation and broken geometry', () => {
    expect(message(() => parseLta(LTA.replace('type      = 1', 'type      = 21')))).toMatch(
      /line 4: transform type 21 \(LINEAR_COR_TO_COR\) is not supported/,
    );
    expect(message(() => parseLta(LTA.replace('nxforms   = 1', 'nxforms   = 2')))).toMatch(/nxforms = 2/);
    expect(message(() => parseLta(LTA.split('\n').slice(0, 10).join('\n')))).toMatch(
      /truncated: the 4×4 matrix starting at line 9 has only 2 row\(s\)/,
    );
    expect(message(() => parseLta('bert\n1.8\n'))).toMatch(/line 1: expected "type = …"/);
    expect(message(() => parseLta(LTA.replace('volume = 81 104 83', 'volume = 81 104')))).toMatch(
      /line 16: "volume" must be 3 positive numbers/,
    );
    expect(message(() => parseLta(LTA.replace('cras   = 2.5 -3 4\n', '')))).toMatch(/has no "cras" line/);
    expect(parseLta(LTA.replace('valid = 1  # volume info valid', 'valid = 0')).src).toBeUndefined();
  });
});

describe('FSL .mat', () => {
  it('reads FLIRT’s four lines (two spaces between numbers, trailing spaces)', () => {
    const m = parseFslMat(
      '0.98  0.002  -0.04  57.19  \n-0.04  -0.03  -1.0  200.5  \n0  1  0  33.5  \n0  0  0  1  \n\n',
    );
    expect(m[1]).toEqual([-0.04, -0.03, -1, 200.5]);
  });
  it('rejects empty, short, long and projective files', () => {
    expect(message(() => parseFslMat(''))).toMatch(/empty file/);
    expect(message(() => parseFslMat('1 0 0 0\n0 1 0 0\n'))).toMatch(/truncated: .* only 2 row/);
    expect(message(() => parseFslMat('1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n1 1 1 1'))).toMatch(
      /found 5 lines/,
    );
    expect(message(() => parseFslMat('1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 1 1'))).toMatch(/last matrix row/);
    expect(message(() => parseFslMat('1 0 0 0\n0 1 x 0\n0 0 1 0\n0 0 0 1'))).toMatch(
      /line 2: expected 4 numbers/,
    );
  });
});

describe('MGH geometry and tkr vox2ras', () => {
  it('reads voxel sizes, axis directions and c_ras from the header', () => {
    const file = encodeMgh(new Array(4 * 6 * 8).fill(0), 0, [4, 6, 8]);
    const v = new DataView(file.buffer);
    v.setInt16(28, 1, false);
    [2, 2, 3].forEach((x, i) => v.setFloat32(30 + 4 * i, x, false));
    [-1, 0, 0, 0, 0, -1, 0, 1, 0].forEach((x, i) => v.setFloat32(42 + 4 * i, x, false));
    [1.5, -17.25, 11.75].forEach((x, i) => v.setFloat32(78 + 4 * i, x, false));
    const g = readMghGeometry(file);
    expect(scannerVox2ras(g)).toEqual([
      [-2, 0, 0, 1.5 + 4],
      [0, 0, 3, -17.25 - 12],
      [0, -2, 0, 11.75 + 6],
      [0, 0, 0, 1],
    ]);
    expect(tkrVox2ras(g.dims, g.voxelSize)).toEqual([
      [-2, 0, 0, 4],
      [0, 0, 3, -12],
      [0, -2, 0, 6],
      [0, 0, 0, 1],
    ]);
    v.setFloat32(34, 0, false);
    expect(() => readMghGeometry(file)).toThrow(/bad header: voxel sizes 2, 0, 3/);
  });
  it('without the "RAS good" flag the volume is 1 mm coronal around the origin', () => {
    const g = readMghGeometry(encodeMgh(new Array(8).fill(0), 0, [2, 2, 2]));
    expect(g.center).toEqual([0, 0, 0]);
    expect(g.directions[1]).toEqual([0, 0, -1]);
  });
  it('tkr entries are float32 like nibabel’s (1.8 mm EPI, 81×104×83)', () => {
    const d = Math.fround(1.8);
    expect(tkrVox2ras([81, 104, 83], [d, d, d])[0]).toEqual([-d, 0, 0, Math.fround((81 * d) / 2)]);
    expect(tkrVox2ras([81, 104, 83], [d, d, d])[0][3]).toBe(72.9000015258789);
  });
});
