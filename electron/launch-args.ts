import { join, resolve } from 'node:path';

/**
 * The database named on the command line: `--db DIR`, `--db=DIR`, or the first argument that
 * is not an option (what a file manager or `roi-studio DIR` passes). Chromium and Electron
 * switches (anything starting with `-`) are ignored. `argv` excludes the executable (and, when
 * not packaged, the app path).
 */
export function databaseFromArgs(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db' && argv[i + 1] !== undefined) return resolve(cwd, argv[i + 1]);
    if (a.startsWith('--db=') && a.length > 5) return resolve(cwd, a.slice(5));
  }
  const positional = argv.find((a) => a !== '' && !a.startsWith('-'));
  return positional === undefined ? undefined : resolve(cwd, positional);
}

/**
 * The user-supplied part of `process.argv` (or of a second instance's argv): without the
 * executable and, when not packaged (`electron . …`), without the app path, wherever launchers
 * such as Playwright put their own switches.
 */
export function userArgs(argv: readonly string[], packaged: boolean): string[] {
  const rest = argv.slice(1);
  if (packaged) return rest;
  const app = rest.findIndex((a) => !a.startsWith('-'));
  return app < 0 ? rest : [...rest.slice(0, app), ...rest.slice(app + 1)];
}

/**
 * `roi-studio --cli <command> …` (the desktop install's way to run the CLI): the words after
 * `--cli`, or undefined for a normal desktop launch. Switches before it (Chromium's) are ignored.
 */
export function cliArgs(args: readonly string[]): string[] | undefined {
  const at = args.indexOf('--cli');
  return at < 0 ? undefined : args.slice(at + 1);
}

/**
 * The process that runs those words: this same executable as plain Node
 * (ELECTRON_RUN_AS_NODE) on the compiled cli.js beside main.js, so a desktop install behaves
 * exactly as `npx roi-studio` does — same output, exit codes and signals, no window.
 */
export function cliProcess(
  words: readonly string[],
  execPath: string,
  mainDir: string,
  env: NodeJS.ProcessEnv,
): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: execPath,
    args: [join(mainDir, 'cli.js'), ...words],
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
  };
}
