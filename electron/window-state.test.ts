import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW,
  fitToDisplays,
  readWindowState,
  windowStateFile,
  writeWindowState,
} from './window-state.js';

describe('window state', () => {
  it('remembers the window in app data and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-win-'));
    const file = windowStateFile(join(dir, 'app'));
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW);
    writeWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(await readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(await readdir(join(dir, 'app'))).toEqual(['window-state.json']);
  });

  it('falls back to the default for a corrupt or foreign file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-win-'));
    const file = join(dir, 'w.json');
    await writeFile(file, '{"width": "wide"}');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW);
    await writeFile(file, 'not json');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW);
  });

  const screens = [
    { x: 0, y: 0, width: 1920, height: 1040 },
    { x: 1920, y: 0, width: 1280, height: 1000 },
  ];

  it('keeps a window on the display it was on, shrunk to fit', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 3000, height: 900, maximized: false }, screens)).toEqual({
      x: 1920,
      y: 100,
      width: 1280,
      height: 900,
      maximized: false,
    });
  });

  it('drops the position when its display is gone, and enforces a minimum size', () => {
    expect(fitToDisplays({ x: 5000, y: 100, width: 100, height: 100, maximized: true }, screens)).toEqual({
      width: 640,
      height: 480,
      maximized: true,
    });
  });
});
