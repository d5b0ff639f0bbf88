/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins segments into a JSON pointer: `pointer('fields', 2, 'name')` → `/fields/2/name`. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}

/** The segments of a JSON pointer, unescaped. */
export function pointerSegments(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value a pointer designates inside `root`, or undefined. Own properties only. */
export function valueAt(root: unknown, ptr: string): unknown {
  let value: unknown = root;
  for (const segment of pointerSegments(ptr)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
