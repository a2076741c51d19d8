import { describe, expect, it } from 'vitest';
import { defaultExportFolder, outPathForKind } from './export-actions.js';

describe('outPathForKind', () => {
  it('gives figures a file in the folder and other kinds the folder back', () => {
    const folder = '/db/demo/exports';
    const png = outPathForKind(folder, 'png', 'demo');
    expect(png).toBe('/db/demo/exports/demo-flatmap.png');
    expect(outPathForKind(png, 'svg', 'demo')).toBe('/db/demo/exports/demo-flatmap.svg');
    expect(outPathForKind(png, 'label', 'demo')).toBe(folder);
    expect(outPathForKind(`${folder}/`, 'json', 'demo')).toBe(folder);
    expect(outPathForKind('/x/my.PNG', 'png', 'demo')).toBe('/x/my.png');
    expect(outPathForKind('C:\\out\\fig.svg', 'csv', 'demo')).toBe('C:\\out');
  });

  it('defaults to an exports folder in the subject', () => {
    expect(defaultExportFolder('/data/db/', 'S1')).toBe('/data/db/S1/exports');
  });
});
