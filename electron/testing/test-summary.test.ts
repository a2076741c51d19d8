import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * build/test-summary.mjs, as CI runs it after `npm test`, on made-up reports and a reference
 * folder holding only pycortex's public S1 (what GitHub Actions fetches).
 */

const SUMMARY = join(import.meta.dirname, '..', '..', 'build', 'test-summary.mjs');

function summarise(reports: { vitest?: object; playwright?: object }, reference: string): string[] {
  const cwd = mkdtempSync(join(tmpdir(), 'roi-studio-summary-'));
  mkdirSync(join(cwd, 'reports'));
  if (reports.vitest) writeFileSync(join(cwd, 'reports', 'vitest.json'), JSON.stringify(reports.vitest));
  if (reports.playwright)
    writeFileSync(join(cwd, 'reports', 'playwright.json'), JSON.stringify(reports.playwright));
  const out = execFileSync(process.execPath, [SUMMARY], {
    cwd,
    env: { ...process.env, ROI_STUDIO_SHARED: reference },
    encoding: 'utf8',
  });
  return out.trim().split('\n');
}

describe('the CI test summary', () => {
  const partial = mkdtempSync(join(tmpdir(), 'roi-studio-reference-'));
  mkdirSync(join(partial, 'data', 'db', 'S1'), { recursive: true });
  mkdirSync(join(partial, 'data', 'pycortex-colormaps'), { recursive: true });

  it('counts both runners and gives each skip its reason: the missing reference parts, the e2e annotation', () => {
    const vitest = { numPassedTests: 90, numFailedTests: 1, numPendingTests: 139, numTodoTests: 0 };
    const skippedSpec = (description: string) => ({
      tests: [
        { status: 'skipped', annotations: [], results: [{ annotations: [{ type: 'skip', description }] }] },
      ],
    });
    const playwright = {
      stats: { expected: 20, flaky: 1, unexpected: 0, skipped: 3 },
      suites: [
        {
          specs: [
            { tests: [{ status: 'expected', annotations: [], results: [] }] },
            skippedSpec('no Electron'),
          ],
          suites: [{ specs: [skippedSpec('no Electron'), skippedSpec('no WebGL2')] }],
        },
      ],
    };
    const lines = summarise({ vitest, playwright }, partial);
    expect(lines[0]).toBe('tests: 111 passed, 1 failed, 142 skipped');
    expect(lines.slice(1)).toEqual([
      `  139 skipped — unit tests; reference data not found at ${partial}: data/db/sub-hcp32k, data/extra, data/freesurfer, data/legacy-db, golden (set ROI_STUDIO_SHARED)`,
      '  2 skipped — e2e: no Electron',
      '  1 skipped — e2e: no WebGL2',
    ]);
  });

  it('with no reports: zero of everything, no reasons', () => {
    expect(summarise({}, partial)).toEqual(['tests: 0 passed, 0 failed, 0 skipped']);
  });
});
