import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { chooseChromium } from './chromium.js';

/** Say which browser runs the tests; fetch Playwright's own when no system one is there. */
export default function globalSetup(): void {
  const choice = chooseChromium();
  console.log(`End-to-end tests run in ${choice.source}`);
  if (choice.executablePath !== undefined || existsSync(chromium.executablePath())) return;
  const r = spawnSync(
    process.execPath,
    [createRequire(import.meta.url).resolve('@playwright/test/cli'), 'install', 'chromium'],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0)
    throw new Error(
      'No Chromium or Chrome found and Playwright could not download its own: install one, or set CHROMIUM_PATH',
    );
}
