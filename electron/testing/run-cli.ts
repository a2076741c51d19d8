import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Run `roi-studio <args>` from source, as `npm run cli` does; rejects on a non-zero exit. */
export const runCli = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    maxBuffer: 64 << 20,
  });

/** The stderr of a `roi-studio` run that is expected to fail ('' if it succeeded). */
export const cliError = (args: string[]) =>
  runCli(args).then(
    () => '',
    (e: { stderr: string }) => e.stderr,
  );
