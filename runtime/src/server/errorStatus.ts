import type { ErrorCode } from '@leadforge/engine';

/** The one place where an error code becomes an HTTP status. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  MALFORMED: 400,
  INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  STALE_VERSION: 409,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOCKED: 423,
  INTERNAL: 500,
};
