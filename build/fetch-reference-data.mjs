// CI on GitHub: gathers the public part of the tests' reference data into DIR, laid out as
// ../shared is (see electron/testing/reference-parts.ts): pycortex's example subject S1 (surfaces
// and transforms only, as ../shared keeps it: pycortex creates overlays.svg and surface-info on
// first use) and pycortex's colour maps with its licence, from a sparse, shallow clone of
// gallantlab/pycortex. The HCP subject with its added transform and templates, and pycortex's
// goldens, are not public: the tests that read them skip, and build/test-summary.mjs says so.
//   node build/fetch-reference-data.mjs DIR
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PYCORTEX = 'https://github.com/gallantlab/pycortex.git';
const S1 = 'filestore/db/S1';

const target = process.argv[2];
if (!target) throw new Error('usage: node build/fetch-reference-data.mjs DIR');
const out = resolve(target);
const clone = join(mkdtempSync(join(tmpdir(), 'pycortex-')), 'pycortex');

const git = (...args) => execFileSync('git', args, { stdio: 'inherit' });
// byte for byte on Windows too: the GIFTI surfaces are text, which autocrlf would rewrite
git(
  'clone',
  '--config',
  'core.autocrlf=false',
  '--depth',
  '1',
  '--filter=blob:none',
  '--sparse',
  PYCORTEX,
  clone,
);
git('-C', clone, 'sparse-checkout', 'set', `${S1}/surfaces`, `${S1}/transforms`, 'filestore/colormaps');

const copies = [
  [`${S1}/surfaces`, 'data/db/S1/surfaces'],
  [`${S1}/transforms`, 'data/db/S1/transforms'],
  ['filestore/colormaps', 'data/pycortex-colormaps'],
  ['LICENSE', 'data/pycortex-colormaps/LICENSE-pycortex'],
];
for (const [from, to] of copies) {
  const source = join(clone, from);
  if (!existsSync(source)) throw new Error(`${PYCORTEX}: ${from} is missing`);
  cpSync(source, join(out, to), { recursive: true });
}
console.log(`reference data from ${PYCORTEX} in ${out}: ${copies.map(([, to]) => to).join(', ')}`);
