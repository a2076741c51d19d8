/**
 * In a browser, exported files come back through `serve` as a download: the route, and the
 * link the renderer builds for some files (several come as one zip named `zipName`).
 */

export const DOWNLOAD_PATH = '/download';

export function downloadUrl(files: readonly string[], zipName: string): string {
  const q = new URLSearchParams(files.map((f) => ['file', f]));
  if (files.length > 1) q.set('name', zipName);
  return `${DOWNLOAD_PATH}?${q.toString()}`;
}
