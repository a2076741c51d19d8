import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { API_METHODS } from '../shared/api.js';
import { demoDatabase } from './start-serve.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable npm installed, or why there is none (e.g. ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronRuntime(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the Electron runtime is not installed (${path} missing)` };
  } catch (e) {
    return { reason: `the Electron runtime is not installed: ${(e as Error).message.split('\n')[0]}` };
  }
}

const runtime = electronRuntime();
const skipReason =
  'reason' in runtime
    ? `${runtime.reason}; install it with npm install (without ELECTRON_SKIP_BINARY_DOWNLOAD)`
    : '';
if (skipReason) console.warn(`e2e/electron.spec.ts skipped: ${skipReason}`);
test.skip(skipReason !== '', skipReason);

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if ('reason' in runtime) return;
  const build = spawnSync('npm', ['run', 'build:electron'], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) throw new Error(`build:electron failed: ${build.stdout}${build.stderr}`);
  const db = await demoDatabase();
  app = await electron.launch({
    executablePath: runtime.path,
    args: [ROOT, '--db', db],
    cwd: ROOT,
    env: { ...process.env, ROI_STUDIO_HOME: await mkdtemp(join(tmpdir(), 'roi-studio-electron-')) },
  });
  page = await app.firstWindow();
});
test.afterAll(async () => {
  await app?.close();
});

test('opens the built renderer with the app heading', async () => {
  await expect(page.getByRole('heading', { name: /ROI Studio/ })).toBeVisible();
  expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/);
});

test('the page sees exactly the API and no Node', async () => {
  const seen = await page.evaluate(() => ({
    api: Object.keys(window.roiStudio ?? {}).sort(),
    shell: Object.keys(window.roiStudioShell ?? {}).sort(),
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(seen).toEqual({
    api: [...API_METHODS].sort(),
    shell: ['onMenuCommand', 'setDirty'],
    require: 'undefined',
    process: 'undefined',
  });
});

test('malformed calls and foreign paths are refused with ApiError fields', async () => {
  const errors = await page.evaluate(async () => {
    const api = window.roiStudio!;
    const caught = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { code?: string }) => e.code,
      );
    return [
      await caught(api.getCurvature('../etc', 1024)),
      await caught(api.loadVolume('demo', 'x', '/etc/passwd')),
    ];
  });
  expect(errors).toEqual(['BAD_REQUEST', 'FORBIDDEN']);
});

test('navigation and new windows are blocked', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => window.open('https://example.org/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
