/**
 * The API's errors: codes, the error class both transports carry, and the conversion of any
 * failure into one. Apart from shared/api.ts (which re-exports it) so that the disk code that
 * throws them does not load the API's argument schemas (zod) at start-up.
 */

export const API_ERROR_CODES = [
  'BAD_REQUEST', // an argument failed validation
  'NOT_FOUND', // no such database, subject, transform, file
  'FORBIDDEN', // a path outside the opened database and the files the user chose
  'UNAUTHORIZED', // serve: missing or wrong token
  'INVALID_FILE', // a file exists but cannot be read (names the file and the problem)
  'SHAPE_MISMATCH', // a template's shape differs from the transform's reference
  'STALE', // overlays.svg changed on disk since it was read
  'LOCKED', // another writer holds the subject's overlay lock
  'IO', // the disk refused (read-only, full, permissions)
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** the file the error is about, when there is one */
  file?: string;
}

export class ApiError extends Error implements ApiErrorShape {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
    public readonly file?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.file ? { file: this.file } : {}) };
  }
}

/** An object carrying one of {@link API_ERROR_CODES} (what crosses a transport for an ApiError). */
export function isApiErrorShape(v: unknown): v is ApiErrorShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    (API_ERROR_CODES as readonly unknown[]).includes((v as ApiErrorShape).code)
  );
}

/** Any failure as an {@link ApiError}: its own code, message and file if it has them, else INTERNAL. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isApiErrorShape(e)) {
    const { code, message, file } = e;
    return new ApiError(code, String(message ?? code), typeof file === 'string' ? file : undefined);
  }
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}
