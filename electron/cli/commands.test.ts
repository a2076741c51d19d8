import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process.js';
import { CLI_COMMANDS, commandList } from './commands.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the CLI command table', () => {
  for (const { name } of CLI_COMMANDS)
    it(`${name}: a module with run() and a help that starts with its usage; in the README`, async () => {
      const module = (await import(`./${name}.ts`)) as { run?: unknown; help?: unknown };
      expect(typeof module.run).toBe('function');
      expect(typeof module.help).toBe('string');
      expect((module.help as string).split('\n')[0]).toMatch(new RegExp(`^usage: roi-studio ${name}( |$)`));
      // the README's command list (serve: its own section) names every command the table has
      expect(README).toMatch(
        name === 'serve' ? /npm run serve -- \[--db DIR\]/ : new RegExp(`\\n- \`${name} `),
      );
    });

  it('--help, help and help <command> answer from the table; an unknown command names the real ones', async () => {
    const list = await runCli(['--help']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim()).toBe(commandList());
    for (const { name } of CLI_COMMANDS) expect(list.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect((await runCli(['help'])).stdout).toBe(list.stdout);

    const rois = (await import('./rois.js')).help;
    for (const args of [
      ['rois', '--help'],
      ['rois', '--db', 'x', '-h'],
      ['help', 'rois'],
    ]) {
      const r = await runCli(args);
      expect([r.code, r.stdout.trim(), r.stderr]).toEqual([0, rois, '']);
    }

    const wrong = await runCli(['roi']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown command "roi"; the commands are demo, subjects, .*serve/);
  });
});
