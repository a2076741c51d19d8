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
});
