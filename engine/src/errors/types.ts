/** One problem with a piece of input, located by a JSON pointer. */
export interface Problem {
  /** JSON pointer into the input (`/data/email`), or '' for the whole input. */
  readonly path: string;
  readonly message: string;
}

/**
 * Error codes the engine raises. The runtime maps each to an HTTP status in one table
 * (runtime/src/server/errorStatus.ts); the engine never speaks HTTP.
 */
export type ErrorCode =
  | 'MALFORMED' // 400: input is not of the expected shape (bad JSON, wrong types, unknown keys)
  | 'INVALID' // 422: input breaks the app's definitions (field rules, cross-references)
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403: authenticated but not allowed (object or field permission)
  | 'NOT_FOUND' // 404: also answered for records outside the caller's row scope
  | 'STALE_VERSION' // 409
  | 'CONFLICT' // 409: unique clash (e.g. user email taken)
  | 'TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA_TYPE' // 415
  | 'RATE_LIMITED' // 429
  | 'LOCKED' // 423-ish for CLI: data folder in use
  | 'INTERNAL';

/** An error that carries a code and field-level details; thrown by engine and runtime services. */
export class LeadforgeError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly Problem[];
  /** Seconds, for RATE_LIMITED. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, details: readonly Problem[] = [], retryAfter?: number) {
    super(message);
    this.name = 'LeadforgeError';
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };
