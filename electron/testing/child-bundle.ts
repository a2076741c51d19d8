import { build } from 'esbuild';
import { join, resolve } from 'node:path';

/**
 * A test's child-process script bundled once into one plain JavaScript file in `outDir`, so a
 * test that starts dozens of children pays tsx's start-up (about a second each) only once.
 */
export async function bundleChild(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, 'child.mjs');
  await build({
    entryPoints: [resolve(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    // bundled CommonJS packages still call require() for Node's own modules
    banner: {
      js: "import { createRequire as topLevelRequire } from 'node:module'; const require = topLevelRequire(import.meta.url);",
    },
  });
  return outfile;
}
