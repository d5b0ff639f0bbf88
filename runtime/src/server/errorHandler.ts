import { LeadforgeError, type Problem } from '@leadforge/engine';
import type { ErrorRequestHandler, Response } from 'express';
import { ERROR_STATUS } from './errorStatus.js';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: readonly Problem[] };
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details: readonly Problem[] = [],
) {
  const body: ErrorBody = { error: { code, message, details } };
  res.status(status).json(body);
}

/** body-parser reports its failures with a `type`; each is the client's fault, never a 500. */
const BODY_PARSER_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  'entity.parse.failed': [400, 'MALFORMED', 'request body is not valid JSON'],
  'entity.too.large': [413, 'TOO_LARGE', 'request body is too large'],
  'encoding.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported content encoding'],
  'charset.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported charset; send UTF-8 JSON'],
  'request.aborted': [400, 'MALFORMED', 'request was aborted'],
  'request.size.invalid': [400, 'MALFORMED', 'request size did not match content-length'],
  'stream.encoding.set': [400, 'MALFORMED', 'invalid request stream'],
};

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof LeadforgeError) {
      if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
      sendError(res, ERROR_STATUS[err.code], err.code, err.message, err.details);
      return;
    }
    const type = (err as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
    if (known) {
      sendError(res, known[0], known[1], known[2], [{ path: '', message: known[2] }]);
      return;
    }
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, status, 'MALFORMED', 'the request could not be read');
      return;
    }
    log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendError(res, 500, 'INTERNAL', 'internal error');
  };
}
