#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { CliError } from './cli/cli-error.js';
import { CLI_COMMANDS, commandList, findCommand } from './cli/commands.js';

/**
 * `roi-studio <command>`: the commands are listed once in cli/commands.ts; each lives in
 * electron/cli/<command>.ts and exports `run(argv)` and its `help`. Modules are loaded on demand
 * so one command's dependencies never slow another down. `--help` is answered here, before a
 * command parses its options, so every command answers it the same way.
 */

// Node 22 and later keep the compiled code of these modules between runs (Node 20 has no such cache).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

interface CommandModule {
  run(argv: string[]): Promise<void>;
  help: string;
}

const load = (name: string) => import(`./cli/${name}.js`) as Promise<CommandModule>;
const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || isHelp(command) || (command === 'help' && rest.length === 0)) {
    console.log(commandList());
    return;
  }
  const name = command === 'help' ? rest[0] : command;
  if (!findCommand(name))
    throw new CliError(
      `unknown command ${JSON.stringify(name)}; the commands are ${CLI_COMMANDS.map((c) => c.name).join(', ')} (try --help)`,
      2,
    );
  const module = await load(name);
  if (command === 'help' || rest.some(isHelp)) {
    console.log(module.help);
    return;
  }
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
