/** Appends one reference token to a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function jsonPointer(base: string, token: string | number): string {
  return `${base}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}
