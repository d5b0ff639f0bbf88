import { parseRetryAfter } from './retryAfter.js';
import { DeliveryTransportError, isPermanentTransportFailure } from './transportError.js';
import type { DeliveryOutcome, HttpResponse } from './types.js';

function snippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The webhook conventions for a response: 2xx delivered; 410 gone (disable the endpoint); any
 * other status — including 3xx, since redirects are never followed — is retried, not before the
 * target's Retry-After.
 */
export function outcomeOfHttpResponse(response: HttpResponse, now: Date): DeliveryOutcome {
  if (response.status >= 200 && response.status < 300)
    return { status: 'delivered', detail: `HTTP ${response.status}` };
  if (response.status === 410) return { status: 'gone', error: `HTTP 410 Gone ${snippet(response.body)}`.trim() };
  const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  return {
    status: 'retry',
    error: `HTTP ${response.status}${redirect} ${snippet(response.body)}`.trim(),
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], now),
  };
}

/** A transport failure: a forbidden or invalid target is rejected for good, anything else retried. */
export function outcomeOfTransportError(error: unknown): DeliveryOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (isPermanentTransportFailure(error)) return { status: 'rejected', error: message };
  const kind = error instanceof DeliveryTransportError ? `${error.failure}: ` : '';
  return { status: 'retry', error: `${kind}${message}` };
}
