import { LeadforgeError } from '@leadforge/engine';

/** What CORS headers a public form answer carries for this request, or a refusal for a foreign origin. */
export type OriginVerdict =
  | { readonly allowed: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly allowed: false };

const ALLOW_HEADERS = 'content-type, idempotency-key';
/** Response headers a page script may read: Retry-After tells it when to try again after a 429. */
const EXPOSE_HEADERS = 'Retry-After';

/**
 * A request without Origin (a server, curl) or from this server's own origin (the hosted page) is
 * allowed without CORS headers; an origin the form lists gets them; any other origin is refused,
 * before anything is read or stored.
 */
export function originVerdict(
  allowedOrigins: readonly string[],
  origin: string | undefined,
  host: string | undefined,
): OriginVerdict {
  if (origin === undefined) return { allowed: true, headers: {} };
  const normalised = origin.toLowerCase();
  if (allowedOrigins.some((o) => o.toLowerCase() === normalised)) {
    return {
      allowed: true,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Expose-Headers': EXPOSE_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    };
  }
  if (host !== undefined) {
    try {
      if (new URL(origin).host === host.toLowerCase()) return { allowed: true, headers: { Vary: 'Origin' } };
    } catch {
      // not a URL: refused below
    }
  }
  return { allowed: false };
}

export function originOrThrow(verdict: OriginVerdict): asserts verdict is Extract<OriginVerdict, { allowed: true }> {
  if (!verdict.allowed)
    throw new LeadforgeError('FORBIDDEN', 'this form does not accept submissions from your site', [
      { path: '/headers/origin', message: 'is not among the allowed origins of this form' },
    ]);
}
