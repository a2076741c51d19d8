import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PATH_COMMANDS } from '../../shared/formats/svg-path.js';
import { cliContext, overlayApi } from './overlay-api.js';

/** Bad overlays on disk: one clear error or a linter warning, never a hang, and nothing written. */

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"';
const layer = (name: string, inner = '') =>
  `<g inkscape:label="${name}" id="${name}"><g inkscape:label="shapes" id="${name}_shapes">${inner}</g><g inkscape:label="labels" id="${name}_labels"/></g>`;
const overlay = (rois: string, prolog = '') =>
  `${prolog}<svg ${NS} width="200" height="100">${layer('rois', rois)}${layer('sulci')}${layer('cutouts')}${layer('display')}</svg>\n`;
const SQUARE = 'M 1,1 L 5,1 L 5,5 Z';

let dir = '';
let db = '';
const subject = 'subj';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roi-studio-bad-'));
  db = join(dir, 'db');
  await mkdir(join(db, subject), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const api = () => overlayApi(cliContext(db));
const file = () => join(db, subject, 'overlays.svg');
const shapeIssues = async (name: string) =>
  (await api().loadOverlay(subject)).layers
    .find((l) => l.name === 'rois')!
    .shapes.find((s) => s.name === name)!
    .issues.map((i) => `${i.code}: ${i.message}`);

describe('bad overlays', () => {
  it('an XML entity declaration is one clear error; nothing is expanded or written', async () => {
    const laughs = '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n';
    const text = overlay(`<g inkscape:label="A"><path d="${SQUARE}"/><text>&b;</text></g>`, laughs);
    await writeFile(file(), text);
    const err = `${file()}: the file declares XML entities`;
    await expect(api().loadOverlay(subject)).rejects.toMatchObject({ code: 'INVALID_FILE' });
    await expect(api().loadOverlay(subject)).rejects.toThrow(err);
    await expect(
      api().saveOverlay({ subject, baseRevision: 'x', edits: [{ kind: 'delete', name: 'A' }] }),
    ).rejects.toThrow(/declares XML entities|changed on disk/);
    expect(await readFile(file(), 'utf8')).toBe(text);
    expect(await readdir(join(db, subject))).toEqual(['overlays.svg']);
  });

  it('NaN and infinite coordinates are linter warnings, and an edit carrying one is refused', async () => {
    const text = overlay(
      `<g inkscape:label="N"><path d="M 1,1 L NaN,2 L 3,3 Z"/></g><g inkscape:label="I"><path d="M 1,1 L 1e999,2 L 3,3 Z"/></g>`,
    );
    await writeFile(file(), text);
    expect(await shapeIssues('N')).toEqual([expect.stringMatching(/^UNPARSABLE: .*NaN or infinite/)]);
    expect(await shapeIssues('I')).toEqual([expect.stringMatching(/^UNPARSABLE: .*1e999 is too large/)]);
    const snap = await api().loadOverlay(subject);
    await expect(
      api().saveOverlay({
        subject,
        baseRevision: snap.revision,
        edits: [{ kind: 'add', name: 'X', paths: ['M 1,1 L 1e400,1 L 5,5 Z'] }],
      }),
    ).rejects.toThrow(/path 1 of "X": .*1e400 is too large/);
    expect(await readFile(file(), 'utf8')).toBe(text);
  });

  it(`a path of 10^6 commands is a warning, and refused as an edit (limit ${MAX_PATH_COMMANDS} commands)`, async () => {
    const huge = `M 0,0 ${'L 1,1 '.repeat(1_000_000)}Z`;
    const text = overlay(`<g inkscape:label="Huge"><path d="${huge}"/></g>`);
    await writeFile(file(), text);
    expect(await shapeIssues('Huge')).toEqual([
      expect.stringMatching(/^UNPARSABLE: .*more than 50000 commands \(the limit per path\)/),
    ]);
    const snap = await api().loadOverlay(subject);
    await expect(
      api().saveOverlay({
        subject,
        baseRevision: snap.revision,
        edits: [{ kind: 'replace', name: 'Huge', paths: [huge] }],
      }),
    ).rejects.toThrow(/path 1 of "Huge": .*more than 50000 commands/);
    expect(await readFile(file(), 'utf8')).toBe(text);
  });

  it('a legacy rois.svg with children that are not layers: warned, not written, rois.svg kept', async () => {
    const legacy = `<svg ${NS} width="200" height="100"><path d="M 0,0 L 1,1 L 0,1 Z"/><g inkscape:label="rois" id="rois"><path id="loose" d="${SQUARE}"/><text x="1" y="1">x</text><g inkscape:label="A"><path d="${SQUARE}"/></g><g inkscape:label="Empty"/></g><g inkscape:label="roilabels" id="roilabels"/></svg>\n`;
    await writeFile(join(db, subject, 'rois.svg'), legacy);
    const snap = await api().loadOverlay(subject);
    expect(snap.exists).toBe(false);
    expect(snap.layers.map((l) => l.name)).toEqual(['rois', 'sulci', 'cutouts', 'display']);
    expect(snap.issues.map((i) => `${i.code}: ${i.message}`)).toEqual([
      expect.stringMatching(/^OUTSIDE_SHAPE: <path id="loose"> directly in "rois\/shapes" belongs to no ROI/),
    ]);
    expect(await shapeIssues('A')).toEqual([]);
    expect(await shapeIssues('Empty')).toEqual([
      expect.stringMatching(/^EMPTY_SHAPE: .*contains no splines/),
    ]);
    expect(await readdir(join(db, subject))).toEqual(['rois.svg']);
    expect(await readFile(join(db, subject, 'rois.svg'), 'utf8')).toBe(legacy);
  });
});
