/**
 * The Content-Security-Policy of the renderer, wherever it is loaded from (Electron's file://
 * pages get it as a session header and a meta tag in index.html; `serve` sends it on every
 * response). Only the app's own scripts, styles and connections; no eval, no inline script,
 * no plugins, no framing, no form posts elsewhere. `blob:`/`data:` images carry the flatmap
 * rasters the canvas produces.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** The same policy for index.html's meta tag, where browsers ignore (and warn about) frame-ancestors. */
export const RENDERER_CSP_META = RENDERER_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Headers every `serve` response carries besides the CSP. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  // The first page URL carries the token: never leak it in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
