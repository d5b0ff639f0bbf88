import type { ObjectInfo } from '../api/types.js';

/** The address of an object's records list, e.g. `/o/lead`. */
export function objectPath(name: string): string {
  return `/o/${encodeURIComponent(name)}`;
}

/**
 * The object named in the address; otherwise `lead` when the user may read it (this is a lead
 * platform), otherwise the first object. Undefined when the user may read none.
 */
export function objectNamed(name: string | undefined, objects: readonly ObjectInfo[]): ObjectInfo | undefined {
  const named = name === undefined ? undefined : objects.find((o) => o.name === name);
  return named ?? objects.find((o) => o.name === 'lead') ?? objects[0];
}
