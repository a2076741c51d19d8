import { buildDemoModel, generateDemoDatabase } from '../../shared/demo/demo-database.js';

/** Time to generate the demo database in memory (first run of `npm start` waits for it). */
export async function run(): Promise<void> {
  const t0 = performance.now();
  buildDemoModel();
  const t1 = performance.now();
  const files = generateDemoDatabase();
  const t2 = performance.now();
  generateDemoDatabase();
  const t3 = performance.now();
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  console.log(`demo geometry (cold): ${(t1 - t0).toFixed(0)} ms`);
  console.log(`demo database, all files (first): ${(t2 - t1).toFixed(0)} ms`);
  console.log(`demo database, all files (again): ${(t3 - t2).toFixed(0)} ms`);
  console.log(`demo database size: ${(bytes / 1e6).toFixed(2)} MB in ${files.length} files`);
}
