import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApiError, type Draft, type RoiStudioApi } from '../../shared/api.js';
import { writeFileAtomic } from '../store/files/atomic-write.js';
import type { BackendContext } from './context.js';

export type DraftApi = Pick<RoiStudioApi, 'saveDraft' | 'loadDraft' | 'clearDraft'>;

/**
 * Unsaved edits survive a crash: one JSON file per (database, subject) in the app-data folder,
 * never in the user's database. The file name is a hash of the key, so no subject or database
 * name can steer the write elsewhere.
 */
export function draftFile(ctx: BackendContext, database: string, subject: string): string {
  const key = createHash('sha256')
    .update(`${resolve(database)}\0${subject}`)
    .digest('hex');
  return join(draftFolder(ctx.appDataDir), `${key.slice(0, 32)}.json`);
}

export function draftFolder(appDataDir: string): string {
  return join(appDataDir, 'drafts');
}

function ioError(e: unknown, file: string): ApiError {
  return new ApiError('IO', `cannot write the draft ${file}: ${(e as Error).message}`, file);
}

function isDraft(v: unknown): v is Draft {
  const d = v as Draft;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.subject === 'string' &&
    typeof d.database === 'string' &&
    typeof d.savedAt === 'string' &&
    typeof d.baseRevision === 'string' &&
    Array.isArray(d.edits)
  );
}

export function draftApi(ctx: BackendContext): DraftApi {
  return {
    async saveDraft(draft) {
      const file = draftFile(ctx, draft.database, draft.subject);
      // a crash mid-write leaves the previous draft intact
      try {
        await mkdir(draftFolder(ctx.appDataDir), { recursive: true });
        await writeFileAtomic(file, JSON.stringify(draft));
      } catch (e) {
        throw ioError(e, file);
      }
    },

    async loadDraft(database, subject) {
      const file = draftFile(ctx, database, subject);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ApiError('IO', `cannot read the draft ${file}: ${(e as Error).message}`, file);
      }
      let draft: unknown;
      try {
        draft = JSON.parse(text);
      } catch {
        throw new ApiError('INVALID_FILE', `the draft ${file} is not valid JSON`, file);
      }
      if (!isDraft(draft)) throw new ApiError('INVALID_FILE', `the draft ${file} lacks draft fields`, file);
      // A hash collision is astronomically unlikely, but a draft for another key is never returned.
      if (resolve(draft.database) !== resolve(database) || draft.subject !== subject) return null;
      return draft;
    },

    async clearDraft(database, subject) {
      const file = draftFile(ctx, database, subject);
      try {
        await rm(file, { force: true });
      } catch (e) {
        throw ioError(e, file);
      }
    },
  };
}
