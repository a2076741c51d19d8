import { expect, test } from '@playwright/test';
import { chooseChromium } from './chromium.js';

test.describe('which Chromium the tests drive', () => {
  const saved = process.env['CHROMIUM_PATH'];
  test.afterEach(() => {
    if (saved === undefined) delete process.env['CHROMIUM_PATH'];
    else process.env['CHROMIUM_PATH'] = saved;
  });

  test('CHROMIUM_PATH wins over any system browser', () => {
    process.env['CHROMIUM_PATH'] = '/opt/my/chrome';
    expect(chooseChromium(() => true)).toEqual({
      executablePath: '/opt/my/chrome',
      source: 'CHROMIUM_PATH (/opt/my/chrome)',
    });
  });

  test("a system browser, else Playwright's own", () => {
    delete process.env['CHROMIUM_PATH'];
    const onlyChrome = (p: string) => /chrome(\.exe)?$/i.test(p) && !/chromium/i.test(p);
    const chosen = chooseChromium(onlyChrome).executablePath;
    expect(chosen).toBeDefined();
    expect(onlyChrome(chosen!)).toBe(true);
    expect(chooseChromium(() => false)).toEqual({
      executablePath: undefined,
      source: "Playwright's own Chromium",
    });
  });
});
