import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createContext } from '../backend/create-context.js';
import { createBackend } from '../backend/index.js';
import { defaultRendererRoot, isLoopback, startServer } from '../serve.js';
import { CliError, numberOption } from './cli-error.js';

/** Printed by `roi-studio serve --help` (electron/cli.ts). */
export const help = `usage: roi-studio serve [--db DIR] [--port N] [--host H]

Serve the ROI Studio UI to a browser. Prints the URL to open, with its session token.
  --db DIR    pycortex filestore to open (default: ROI_STUDIO_DB, pycortex's configured filestore,
              else the demo database generated on first run)
  --port N    port (default 8765; 0 = any free port)
  --host H    interface to listen on (default 127.0.0.1; anything else is reachable by others)`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
  });
  const port = numberOption(values, 'port', 8765, { min: 0, max: 65535, integer: true });
  const host = values.host ?? '127.0.0.1';
  const root = defaultRendererRoot(dirname(fileURLToPath(import.meta.url)));
  if (!existsSync(join(root, 'index.html')))
    throw new CliError(`${root} has no index.html: build the UI first (npm run build:renderer)`);

  const ctx = await createContext({ db: values.db, env: process.env }).catch((e: Error) => {
    throw new CliError(values.db ? e.message : `cannot open a database: ${e.message}`);
  });
  if (!isLoopback(host))
    process.stderr.write(
      `WARNING: listening on ${host}, not on loopback: anyone who can reach this machine and learns ` +
        `the token can read and change ROIs in ${ctx.database.path}. Prefer the default and ssh -L.\n`,
    );
  const running = await startServer({ api: createBackend(ctx), ctx, root, host, port }).catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        throw new CliError(`port ${port} is in use (try --port 0 for any free port)`);
      if (e.code === 'EADDRNOTAVAIL') throw new CliError(`--host ${host}: no such interface on this machine`);
      throw e;
    },
  );
  console.log(`Serving at ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
