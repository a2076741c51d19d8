// Prints the closing lines for CI ("N passed, N failed, N skipped", then why tests skipped) from
// the Vitest and Playwright JSON reports that `npm test` writes when CI is set.
import { existsSync, readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const { REFERENCE_PARTS, missingReference } = await tsImport(
  '../electron/testing/reference-parts.ts',
  import.meta.url,
);

let passed = 0;
let failed = 0;
let skipped = 0;
/** reason → how many tests skipped for it */
const reasons = new Map();
const because = (reason, n = 1) => reasons.set(reason, (reasons.get(reason) ?? 0) + n);

const vitest = 'reports/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  const unitSkipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  skipped += unitSkipped;
  // Vitest keeps no reason per skipped test: most are the reference data's, a few the machine's
  // (running as root, no loop mount)
  const missing = missingReference(...REFERENCE_PARTS);
  if (unitSkipped > 0) because(`unit tests${missing ? `; ${missing}` : ''}`, unitSkipped);
}

function* playwrightTests(suite) {
  for (const spec of suite.specs ?? []) yield* spec.tests ?? [];
  for (const child of suite.suites ?? []) yield* playwrightTests(child);
}

const playwright = 'reports/playwright.json';
if (existsSync(playwright)) {
  const report = JSON.parse(readFileSync(playwright, 'utf8'));
  const s = report.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  for (const test of (report.suites ?? []).flatMap((suite) => [...playwrightTests(suite)])) {
    if (test.status !== 'skipped') continue;
    const notes = [...(test.annotations ?? []), ...(test.results ?? []).flatMap((r) => r.annotations ?? [])];
    const skip = notes.find((a) => a.type === 'skip' && a.description);
    because(`e2e: ${skip?.description ?? 'no reason given'}`);
  }
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
for (const [reason, n] of reasons) console.log(`  ${n} skipped — ${reason}`);
