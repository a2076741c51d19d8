import { expect, test } from '@playwright/test';
import { demoDatabase, startServe, type Served } from './start-serve.js';

let served: Served;

test.beforeAll(async () => {
  served = await startServe(await demoDatabase());
});
test.afterAll(async () => {
  await served?.stop();
});

test('prints the documented URL: loopback, the chosen port, a long random token', () => {
  expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  expect(served.port).toBeGreaterThan(0);
});

test('the served page loads with no console errors, hides the token and survives a reload', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A failed API call is logged by the browser itself; those are judged by their answer below.
    if (m.location().url.includes('/api/')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Back-end parts still being built answer "not available yet"; any other API failure is a problem.
  page.on('response', async (r) => {
    if (!r.url().includes('/api/') || r.ok()) return;
    const body = (await r.json().catch(() => ({}))) as { message?: string };
    if (!/not available yet/.test(body.message ?? ''))
      problems.push(`${r.url()}: ${r.status()} ${body.message}`);
  });

  const response = await page.goto(served.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: /ROI Studio/ })).toBeVisible();
  await expect.poll(() => page.url()).toBe(`http://127.0.0.1:${served.port}/`);

  // The HttpOnly cookie set on the first load authorises the reload without the token.
  await page.reload();
  await expect(page.getByRole('heading', { name: /ROI Studio/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('the API answers the page, and nobody without the token', async ({ page, request }) => {
  await page.goto(served.url);
  const fromPage = await page.evaluate(async () => {
    const res = await fetch('/api/getDatabase', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    return res.status;
  });
  expect([200, 500]).toContain(fromPage); // 500 until the database part of the back end lands
  const anonymous = await request.post(`http://127.0.0.1:${served.port}/api/getDatabase`, {
    data: [],
    headers: { 'Content-Type': 'application/json' },
  });
  expect(anonymous.status()).toBe(401);
  const page401 = await request.get(`http://127.0.0.1:${served.port}/`);
  expect(page401.status()).toBe(401);
});
