import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench`: every `electron/bench/*.bench.ts` module exports `run(): Promise<void>` and
 * prints its own figure lines; they run one after another so timings do not compete.
 */
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
for (const f of files) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  console.log(`\n== ${f.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(`${here}/${f}`).href)) as { run(): Promise<void> };
  await mod.run();
}
