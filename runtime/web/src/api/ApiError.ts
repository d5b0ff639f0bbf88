import type { ErrorDetail } from './types.js';

/** An error answer of the API: `{ error: { code, message, details } }` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  /** From `Retry-After` on a 429, when the server sent it. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ErrorDetail[] = [],
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Reads an error body defensively: a proxy or a crash may answer something other than our JSON. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'HTTP_' + response.status;
  const message = typeof error?.message === 'string' ? error.message : response.statusText || 'request failed';
  const details = Array.isArray(error?.details)
    ? error.details.filter((d): d is ErrorDetail => typeof d?.path === 'string' && typeof d?.message === 'string')
    : [];
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  return new ApiError(response.status, code, message, details, Number.isFinite(retryAfter) ? retryAfter : null);
}
