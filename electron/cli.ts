#!/usr/bin/env node
import { CliError } from './cli/cli-error.js';

/**
 * `roi-studio <command>`: each command lives in electron/cli/<command>.ts and exports
 * `run(argv: string[]): Promise<void>`; they are loaded on demand so one command's
 * dependencies never slow another down.
 */
const COMMANDS: Record<string, string> = {
  demo: 'write the synthetic demo database: demo --out DIR',
  subjects: 'list subjects: subjects --db DIR [--json]',
  flatmap: 'flatmap of a volume: flatmap --db DIR --subject S --xfm X --volume FILE --out FILE.npy|FILE.png',
  rois: 'ROI vertex membership: rois --db DIR --subject S [--overlay FILE] --json',
  overlay: 'overlay merge --db DIR --subject S --from FILE [--only A,B] [--replace]',
  trace: 'trace template labels into ROIs: trace --db DIR --subject S --xfm X --template FILE',
  'add-transform':
    'add a transform: add-transform --db DIR --subject S --name X --reference FILE (--header | --register FILE --subjects-dir DIR | --fsl FILE)',
  export: 'export ROIs: export --db DIR --subject S --kind json|csv|label|nifti|png|svg --out PATH',
  serve: 'serve the UI to a browser: serve [--db DIR] [--port N]',
  'import-freesurfer':
    'a subject from FreeSurfer: import-freesurfer --subjects-dir DIR --subject S --db DB [--as NAME] [--replace] …',
};

function usage(): string {
  return [
    'usage: roi-studio <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(
      ([k, v]) => `  ${k.padEnd(Math.max(...Object.keys(COMMANDS).map((c) => c.length)))} ${v}`,
    ),
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(usage());
    return;
  }
  if (!(command in COMMANDS))
    throw new CliError(`unknown command ${JSON.stringify(command)} (try --help)`, 2);
  const module = (await import(`./cli/${command}.js`)) as { run(argv: string[]): Promise<void> };
  await module.run(rest);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const err = e as Error & { exitCode?: number; code?: string };
  // Node's parseArgs reports unknown/malformed options with ERR_PARSE_ARGS_* codes.
  const usageError = typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`roi-studio: ${err.message ?? String(e)}\n`);
  if (process.env.ROI_STUDIO_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(err instanceof CliError ? err.exitCode : usageError ? 2 : 1);
});
