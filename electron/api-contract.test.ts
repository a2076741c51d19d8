import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The API contract is written once (shared/api-schema.ts and the method table in shared/api.ts).
 * On a scratch copy of the sources, each edit below changes one method there and nothing else;
 * the compiler must then refuse exactly the consumers that no longer agree: the sandboxed
 * preload, the back end, the argument gate and the renderer. tsc runs once over the contract's
 * consumers (not the whole project), so the test stays within seconds of compile time.
 */

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

interface Edit {
  file: string;
  anchor: string;
  replacement: string;
  /** the files tsc must then report, each with a message matching the pattern */
  fails: Record<string, RegExp>;
}

const EDITS: Record<string, Edit> = {
  'a field added to one request': {
    file: 'shared/api-schema.ts',
    anchor: 'export const traceRequest = z.strictObject({\n',
    replacement: 'export const traceRequest = z.strictObject({\n  probeField: text,\n',
    fails: { 'renderer/state/roi-actions.ts': /probeField/ },
  },
  'a field renamed': {
    file: 'shared/api-schema.ts',
    anchor: '  /** folder (or file for png/svg) to write; chosen by the user */\n  out: path,',
    replacement: '  probeOut: path,',
    fails: {
      'electron/api-arguments.ts': /'out'/,
      'electron/backend/trace-api.ts': /'out'/,
      'renderer/panels/ExportDialog.tsx': /'out'/,
    },
  },
  'a positional argument retyped': {
    file: 'shared/api.ts',
    anchor: 'getCurvature: resolvesTo<CurvatureImage>()(z.tuple([subject, height])),',
    replacement: 'getCurvature: resolvesTo<CurvatureImage>()(z.tuple([subject, z.string()])),',
    fails: {
      'electron/backend/flatmap-api.ts': /'string' is not assignable to parameter of type 'number'/,
      'renderer/state/session-actions.ts': /'number' is not assignable to parameter of type 'string'/,
    },
  },
  'a method added': {
    file: 'shared/api.ts',
    anchor: 'export const API = {\n',
    replacement: 'export const API = {\n  probeMethod: resolvesTo<void>()(z.tuple([])),\n',
    fails: {
      'electron/preload.cts': /not assignable to type 'never'/,
      'electron/backend/index.ts': /probeMethod/,
    },
  },
};

/** The contract's consumers; tsc follows their imports. */
const ENTRY_FILES = [
  'shared/window.d.ts',
  'electron/preload.cts',
  'electron/backend/index.ts',
  'electron/api-arguments.ts',
  'renderer/api-client.ts',
  'renderer/state/roi-actions.ts',
  'renderer/state/session-actions.ts',
  'renderer/panels/ExportDialog.tsx',
];

let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function scratchCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roi-studio-contract-'));
  scratch = dir;
  const sources = (src: string) => !/\.test\.tsx?$/.test(src);
  for (const folder of ['shared', 'electron', 'renderer'])
    await cp(join(REPO, folder), join(dir, folder), { recursive: true, filter: sources });
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const base = JSON.parse(await readFile(join(REPO, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const tsconfig = { compilerOptions: { ...base.compilerOptions, types: ['node'] }, files: ENTRY_FILES };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return dir;
}

async function applyEdit(dir: string, edit: Edit): Promise<void> {
  const file = join(dir, edit.file);
  const text = await readFile(file, 'utf8');
  // the anchor must still be in the source, or the edit would silently change nothing
  expect(text.split(edit.anchor)).toHaveLength(2);
  await writeFile(file, text.replace(edit.anchor, edit.replacement));
}

/** tsc's diagnostics by file (relative to the scratch copy); empty when it compiles. */
async function compileErrors(dir: string): Promise<Map<string, string[]>> {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await run(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', dir], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => '',
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  const errors = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const m = /^(.+?)\(\d+,\d+\): error (.*)$/.exec(line);
    if (!m) continue;
    const file = relative(dir, resolve(dir, m[1]));
    errors.set(file, [...(errors.get(file) ?? []), m[2]]);
  }
  if (output && errors.size === 0) errors.set('(tsc)', [output]);
  return errors;
}

describe('the API contract', () => {
  it('fails to compile in exactly the disagreeing consumers when one method changes in shared/', async () => {
    const dir = await scratchCopy();
    for (const edit of Object.values(EDITS)) await applyEdit(dir, edit);
    const errors = await compileErrors(dir);

    const expected = Object.values(EDITS).flatMap((edit) => Object.entries(edit.fails));
    expect([...errors.keys()].sort()).toEqual([...new Set(expected.map(([file]) => file))].sort());
    for (const [file, pattern] of expected)
      expect(
        errors.get(file)?.some((message) => pattern.test(message)),
        `${file}: ${pattern}`,
      ).toBe(true);
  }, 180_000);
});
