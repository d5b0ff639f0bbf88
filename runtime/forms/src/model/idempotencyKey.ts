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
