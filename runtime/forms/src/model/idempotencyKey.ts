/**
 * A fresh key for one form fill: resending the same fill (a double click, a retry after a network error) carries
 * the same key, so the server makes one lead. Uses getRandomValues, which, unlike randomUUID, also works on a
 * plain-http page.
 */
export function newIdempotencyKey(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(16));
  return 'lf-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key of the last submission attempt and the body it was sent with. */
export interface KeyedAttempt {
  readonly key: string;
  readonly body: string;
}

/**
 * The key for sending `body`: the last attempt's when the body is the same (a double click, a retry after a network
 * error or a 429), a fresh one when the visitor changed an answer since, which the server would otherwise refuse as
 * a different request under a used key.
 */
export function attemptFor(
  previous: KeyedAttempt | null,
  body: string,
  fresh: () => string = newIdempotencyKey,
): KeyedAttempt {
  return previous?.body === body ? previous : { key: fresh(), body };
}
