import { expect, type Page } from '@playwright/test';

/** Console errors, except the browser's own line for an HTTP error status (the API's rejections). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The app at `url` in a desktop-sized window, on the demo subject, with the first-run tour skipped. */
export async function openOnDemo(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(url);
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('demo');
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
}
