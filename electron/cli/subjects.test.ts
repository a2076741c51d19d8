import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubjectSummary } from '../../shared/api.js';
import { runCli } from '../testing/cli-process.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env });

describe('roi-studio subjects', () => {
  it.skipIf(!SHARED)(
    `prints subjects, surfaces, transforms, templates, overlay (${SHARED ? 'shared data' : SKIP_REASON})`,
    async () => {
      const { code, stdout } = await cli(['subjects', '--db', SHARED_DB]);
      expect(code).toBe(0);
      expect(stdout).toContain('2 subject(s)');
      expect(stdout).toMatch(
        /S1 {2}\(no overlays\.svg yet\)\n {2}surfaces: {3}flat, inflated, pia, wm\n {2}transforms: fullhead 100×100×31, retinotopy 72×72×22/,
      );
      expect(stdout).toMatch(
        /sub-hcp32k\n.*\n {2}transforms: func2mm 80×99×75\n {2}templates: {2}floc-faces \(volume, 4 labels\)/,
      );
      const json = await cli(['subjects', '--db', SHARED_DB, '--json']);
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as { database: string; subjects: SubjectSummary[] };
      expect(parsed.database).toBe(SHARED_DB);
      expect(parsed.subjects.map((s) => [s.name, s.hasOverlay, s.transforms.map((t) => t.shape)])).toEqual([
        [
          'S1',
          false,
          [
            [100, 100, 31],
            [72, 72, 22],
          ],
        ],
        ['sub-hcp32k', true, [[80, 99, 75]]],
      ]);
    },
  );

  it('a bad --db exits non-zero with one line on stderr', async () => {
    const missing = await cli(['subjects', '--db', '/no/such/folder']);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    const lines = missing.stderr.split('\n').filter((l) => l.trim() && !/npm warn/i.test(l));
    expect(lines).toEqual(['roi-studio: /no/such/folder (the --db folder) does not exist']);
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-cli-'));
    await writeFile(join(dir, 'f'), 'x');
    const file = await cli(['subjects', '--db', join(dir, 'f')]);
    expect(file.code).not.toBe(0);
    expect(file.stderr.trim()).toMatch(/^roi-studio: .*f \(the --db folder\) is not a folder$/);
    const option = await cli(['subjects', '--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('uses ROI_STUDIO_DB when --db is absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-cli-'));
    const { code, stdout } = await cli(['subjects', '--json'], { ROI_STUDIO_DB: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ database: dir, source: 'env', subjects: [] });
  });
});
