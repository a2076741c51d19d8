import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * `roi-studio --cli <command> …` through main.ts with a fake Electron (the runtime cannot be
 * downloaded everywhere) and a recorded spawn: no window, no single-instance lock, the command
 * in a child of the same executable, and the app quits with the child's exit code.
 */

const fake = vi.hoisted(() => {
  const calls = { exit: [] as number[], windows: 0, lock: 0, spawned: [] as unknown[][] };
  const listeners = new Map<string, (...a: unknown[]) => void>();
  const child = { on: (event: string, fn: (...a: unknown[]) => void) => void listeners.set(event, fn) };
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => (calls.lock++, true),
      on: () => undefined,
      whenReady: () => new Promise(() => undefined),
      exit: (code: number) => void calls.exit.push(code),
    },
    BrowserWindow: class {
      constructor() {
        calls.windows++;
      }
    },
  };
  return { calls, listeners, child, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('node:child_process', () => ({
  spawn: (...args: unknown[]) => (fake.calls.spawned.push(args), fake.child),
}));

const here = dirname(fileURLToPath(import.meta.url));

beforeAll(async () => {
  process.argv = ['/opt/ROI Studio/roi-studio', '--cli', 'subjects', '--db', '/srv/db'];
  await import('./main.js');
});

describe('main process with --cli (fake Electron)', () => {
  it('runs the command in this executable as Node, with the terminal, and opens no window', () => {
    expect(fake.calls.spawned).toHaveLength(1);
    const [command, args, options] = fake.calls.spawned[0] as [
      string,
      string[],
      { env: NodeJS.ProcessEnv; stdio: string },
    ];
    expect(command).toBe(process.execPath);
    expect(args).toEqual([join(here, 'cli.js'), 'subjects', '--db', '/srv/db']);
    expect(options.env.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(options.stdio).toBe('inherit');
    expect(fake.calls.windows).toBe(0);
    expect(fake.calls.lock).toBe(0);
  });

  it("quits with the command's exit code", () => {
    expect(fake.calls.exit).toEqual([]);
    fake.listeners.get('exit')!(3, null);
    expect(fake.calls.exit).toEqual([3]);
  });
});
