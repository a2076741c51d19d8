import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;

describe('packaging', () => {
  const pkg = json('package.json');
  const builder = json('build/electron-builder.json');
  const cliBin = (pkg.bin as Record<string, string>)['roi-studio'];

  it('points Electron at the compiled main process, and the builder packs it with the renderer', () => {
    expect(pkg.main).toBe('out/electron/main.js');
    expect((builder.extraMetadata as { main: string }).main).toBe(pkg.main);
    const files = builder.files as string[];
    expect(files).toEqual(
      expect.arrayContaining(['out/electron/**/*.js', 'out/electron/**/*.cjs', 'out/renderer/**', 'LICENSE']),
    );
    const tsconfig = json('tsconfig.electron.json') as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'out', rootDir: '.' });
  });

  it('names the app and builds NSIS, DMG + zip, AppImage + deb', () => {
    expect(builder).toMatchObject({ appId: 'org.roistudio.app', productName: 'ROI Studio' });
    const targets = (os: string) =>
      ((builder[os] as { target: { target: string }[] }).target ?? []).map((t) => t.target).sort();
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(String(pkg.scripts && (pkg.scripts as Record<string, string>).dist)).toContain(
      'electron-builder --config build/electron-builder.json',
    );
  });

  it('has a square icon of at least 512 px, as macOS needs', () => {
    const icon = PNG.sync.read(readFileSync(join(ROOT, String(builder.icon))));
    expect(icon.width).toBe(icon.height);
    expect(icon.width).toBeGreaterThanOrEqual(512);
  });

  it('the package runs the compiled CLI as roi-studio, and ships what serve and figures need', () => {
    expect(cliBin).toBe('out/electron/cli.js'); // tsc's output of electron/cli.ts
    expect(readFileSync(join(ROOT, 'electron', 'cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
    expect(pkg.files).toEqual(
      expect.arrayContaining(['out/electron/**/*.js', 'out/shared/**/*.js', 'out/renderer/']),
    );
    expect((pkg.scripts as Record<string, string>).prepack).toContain('npm run build');
    // run-time libraries of the CLI and serve; the renderer's are bundled into out/renderer
    const deps = Object.keys(pkg.dependencies as object);
    expect(deps).toEqual(
      expect.arrayContaining(['@fontsource/dejavu-sans', '@xmldom/xmldom', 'fflate', 'zod']),
    );
    for (const ui of ['react', 'react-dom', 'konva', '@niivue/niivue', 'zustand', 'electron'])
      expect(deps).not.toContain(ui);
  });

  it("the Windows install's roi-studio.cmd runs the same cli.js through the app's executable", () => {
    const win = builder.win as { extraFiles: { from: string; to: string }[] };
    expect(win.extraFiles).toEqual([{ from: 'build/bin/roi-studio.cmd', to: 'bin/roi-studio.cmd' }]);
    const cmd = readFileSync(join(ROOT, 'build', 'bin', 'roi-studio.cmd'), 'utf8');
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1');
    // bin\ sits beside the executable; the app's files are in resources\app.asar
    expect(cmd).toContain(
      `"%~dp0..\\${String(builder.productName)}.exe" "%~dp0..\\resources\\app.asar\\${cliBin.replaceAll('/', '\\')}" %*`,
    );
  });
});
