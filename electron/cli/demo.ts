import { parseArgs } from 'node:util';
import { DEMO_SUBJECT } from '../../shared/demo/demo-database.js';
import { writeDemoDatabase } from '../store/database/demo-database.js';
import { CliError, required } from './cli-error.js';

/** Printed by `roi-studio demo --help` (electron/cli.ts). */
export const help = `usage: roi-studio demo --out DIR

Write the synthetic demo database (one subject, demo, with everything a pycortex subject has)
into DIR: a new or empty folder, or an earlier demo output. Byte-identical on every run.`;

/** `demo --out DIR`: write the synthetic demo filestore (subject `demo`) to DIR. */
export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true });
  const out = required(values, 'out');
  let path: string;
  try {
    path = await writeDemoDatabase(out);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  console.log(`Wrote the demo database to ${path} (subject "${DEMO_SUBJECT}")`);
}
