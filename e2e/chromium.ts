import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which Chromium the browser tests and `bench:ui` drive: `CHROMIUM_PATH` if set, else a Chromium
 * or Chrome installed on the system, else Playwright's own build (which `npx playwright install
 * chromium` fetches where downloads work). A system browser comes first because Playwright's
 * download is not reachable from every machine the tests run on.
 */
export interface ChromiumChoice {
  /** undefined: Playwright's own browser */
  executablePath: string | undefined;
  /** where the choice came from, for the run's log */
  source: string;
}

function systemCandidates(): string[] {
  const env = process.env;
  if (process.platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
      (r): r is string => typeof r === 'string' && r !== '',
    );
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (process.platform === 'darwin')
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

export function chooseChromium(exists: (p: string) => boolean = existsSync): ChromiumChoice {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return { executablePath: fromEnv, source: `CHROMIUM_PATH (${fromEnv})` };
  const found = systemCandidates().find(exists);
  if (found) return { executablePath: found, source: `system browser ${found}` };
  return { executablePath: undefined, source: "Playwright's own Chromium" };
}

/** Flags for a headless run on a machine without a GPU or network beyond the loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
