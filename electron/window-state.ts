import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The main window's size and place, remembered in app data between runs. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1400, height: 900, maximized: false };
const MIN = { width: 640, height: 480 };

const schema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean(),
});

export const windowStateFile = (appDataDir: string) => join(appDataDir, 'window-state.json');

/** The saved state, or the default when there is none or it cannot be read (never an error). */
export async function readWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : { ...DEFAULT_WINDOW };
  } catch {
    return { ...DEFAULT_WINDOW };
  }
}

/** Synchronous on purpose: it runs while the window closes, when the app may quit right after. */
export function writeWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
  } catch {
    // Losing the window position is not worth bothering the user about.
    rmSync(tmp, { force: true });
  }
}

/**
 * Keep the window usable on the displays present now (a monitor may have gone away since):
 * no larger than the work area it lands on, and placed on it; otherwise centred by Electron.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const width = Math.max(MIN.width, state.width);
  const height = Math.max(MIN.height, state.height);
  const { x, y } = state;
  const area =
    x === undefined || y === undefined
      ? undefined
      : workAreas.find((a) => x + 40 > a.x && x < a.x + a.width - 40 && y >= a.y && y < a.y + a.height - 40);
  if (!area) {
    const primary = workAreas[0];
    return {
      width: primary ? Math.min(width, primary.width) : width,
      height: primary ? Math.min(height, primary.height) : height,
      maximized: state.maximized,
    };
  }
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return {
    x: Math.min(Math.max(x!, area.x), area.x + area.width - w),
    y: Math.min(Math.max(y!, area.y), area.y + area.height - h),
    width: w,
    height: h,
    maximized: state.maximized,
  };
}
