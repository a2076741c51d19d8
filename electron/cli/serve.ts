import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BackendContext } from '../backend/context.js';
import { createBackend } from '../backend/index.js';
import { defaultRendererRoot, isLoopback, startServer } from '../serve.js';
import { appPaths } from '../store/app-paths.js';
import { CliError, numberOption } from './cli-error.js';

const HELP = `usage: roi-studio serve [--db DIR] [--port N] [--host H]

Serve the ROI Studio UI to a browser. Prints the URL to open, with its session token.
  --db DIR    pycortex filestore to open
  --port N    port (default 8765; 0 = any free port)
  --host H    interface to listen on (default 127.0.0.1; anything else is reachable by others)`;

/** The back end's shared state for one database (until the store's own context builder lands). */
function serveContext(db: string | undefined, env: NodeJS.ProcessEnv): BackendContext {
  if (!db) throw new CliError('missing --db DIR (the pycortex filestore to serve)', 2);
  const path = resolve(db);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new CliError(`--db ${path}: not a folder`);
  const app = appPaths(env);
  return {
    database: { path, source: 'argument' },
    appDataDir: app.data,
    cacheDir: app.cache,
    chosenFiles: new Set(),
  };
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = numberOption(values, 'port', 8765, { min: 0, max: 65535, integer: true });
  const host = values.host ?? '127.0.0.1';
  const root = defaultRendererRoot(dirname(fileURLToPath(import.meta.url)));
  if (!existsSync(join(root, 'index.html')))
    throw new CliError(`${root} has no index.html: build the UI first (npm run build:renderer)`);

  const ctx = serveContext(values.db, process.env);
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
