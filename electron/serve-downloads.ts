import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { ApiError } from '../shared/api.js';
import { fileSafe } from '../shared/roi/roi-names.js';
import { SECURITY_HEADERS } from './csp.js';

/**
 * Browser exports: what `exportRois` wrote on the server goes back to the browser as a
 * download, one file as it is or several as one zip. Only files this server exported in this
 * session are offered, so the route reads nothing else of the disk.
 */

export class ExportedFiles {
  private readonly files = new Set<string>();

  add(files: readonly string[]): void {
    for (const f of files) this.files.add(f);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }
}

/** Zip entry names: the files' paths below their common folder ("V1.nii.gz", "lh.V1.label"). */
function entryNames(files: readonly string[]): string[] {
  let common = dirname(files[0]);
  while (!files.every((f) => f.startsWith(common + sep))) common = dirname(common);
  return files.map((f) => relative(common, f).split(sep).join('/'));
}

/** `filename="…"` for Content-Disposition: ASCII only (export names are shell-safe already). */
function attachment(name: string): string {
  return `attachment; filename="${fileSafe(name)}"`;
}

export async function handleDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  exported: ExportedFiles,
): Promise<void> {
  if (req.method !== 'GET') throw new ApiError('BAD_REQUEST', 'downloads are GET requests');
  const files = url.searchParams.getAll('file');
  if (files.length === 0) throw new ApiError('BAD_REQUEST', 'name at least one exported file');
  for (const f of files)
    if (!exported.has(f))
      throw new ApiError('FORBIDDEN', `${f} was not exported in this session: export it first`, f);
  let body: Uint8Array;
  let name: string;
  if (files.length === 1) {
    if (!(await stat(files[0]).catch(() => null))?.isFile())
      throw new ApiError('NOT_FOUND', `${files[0]} is no longer there: export it again`, files[0]);
    body = await readFile(files[0]);
    name = basename(files[0]);
  } else {
    const names = entryNames(files);
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < files.length; i++) entries[names[i]] = await readFile(files[i]);
    // most exports are compressed already (.nii.gz, .png) or small text: store, do not deflate
    body = zipSync(entries, { level: 0 });
    name = url.searchParams.get('name') ?? 'exports.zip';
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': files.length === 1 ? 'application/octet-stream' : 'application/zip',
    'Content-Disposition': attachment(name),
    'Content-Length': body.length,
  });
  res.end(body);
}
