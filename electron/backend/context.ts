import type { DatabaseSource } from '../../shared/api.js';

/** Native dialogs exist only in the desktop app; `serve` leaves them out. */
export interface Dialogs {
  chooseFolder(title?: string): Promise<string | null>;
  chooseFile(filters?: { name: string; extensions: string[] }[]): Promise<string | null>;
}

/** What every part of the back end shares: where the database, the cache and app data live. */
export interface BackendContext {
  database: { path: string; source: DatabaseSource };
  /** app-data folder (recent databases, drafts, generated demo database) */
  appDataDir: string;
  /** disposable cache (pixel maps, computed curvature); never inside the user's database */
  cacheDir: string;
  /** files the user chose explicitly outside the database; every other path must be inside it */
  chosenFiles: Set<string>;
  dialogs?: Dialogs;
}
