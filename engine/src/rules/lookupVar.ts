/** Captured once: V8 optimises `hasOwnProperty.call` better than `Object.hasOwn`, and later changes to Object.prototype cannot reach it. */
export const hasOwn: (value: unknown, key: string) => boolean = Function.prototype.call.bind(
  Object.prototype.hasOwnProperty,
);

/**
 * `{"var": [path, default]}` over `data`: json-logic-js's walk (dotted path, `null` or `undefined` on the
 * way → default), except that each step reads an own property only (`Object.hasOwn`). json-logic-js
 * reads inherited ones too, so `{"var": "constructor"}` or `{"var": "tags.map"}` would hand back a
 * function or a prototype; here they answer the default. This is the one documented difference.
 */
export function lookupVar(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  return lookupSegments(data, String(path).split('.'), notFound);
}

/** The walk for a path already split on dots (compiled once for a constant path). */
export function lookupSegments(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || current === undefined) return notFound;
    if (!hasOwn(current, segment)) return notFound;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return notFound;
  }
  return current;
}

/** `{"var": key}` for a single-segment path: the own property, or null. */
export function readField(data: unknown, key: string): unknown {
  if (data === null || data === undefined || !hasOwn(data, key)) return null;
  const value = (data as Record<string, unknown>)[key];
  return value === undefined ? null : value;
}
