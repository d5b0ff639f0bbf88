import type { ObjectInfo } from '../api/types.js';

/** The address of an object's records list, e.g. `/o/lead`. */
export function objectPath(name: string): string {
  return `/o/${encodeURIComponent(name)}`;
}

/**
 * The object an address points at; otherwise `lead` when the user may read it (this is a lead
 * platform), otherwise the first object. Undefined when the user may read none.
 */
export function objectFromPath(pathname: string, objects: readonly ObjectInfo[]): ObjectInfo | undefined {
  const match = /^\/o\/([^/]+)\/?$/.exec(pathname);
  const named = match ? objects.find((o) => o.name === decodeURIComponent(match[1]!)) : undefined;
  return named ?? objects.find((o) => o.name === 'lead') ?? objects[0];
}
