import type { FieldInfo, ObjectInfo } from '../api/types.js';

const NOT_IN_TABLES = new Set(['longtext', 'multiselect']);

/**
 * The fields a records table shows, in definition order: indexed fields first, since a package author
 * indexes the fields people look records up by, then the others, up to `max`.
 */
export function tableColumns(object: ObjectInfo, max = 6): FieldInfo[] {
  const candidates = object.fields.filter((f) => !NOT_IN_TABLES.has(f.type));
  const chosen = new Set([...new Set([...candidates.filter((f) => f.indexed), ...candidates])].slice(0, max));
  return candidates.filter((f) => chosen.has(f));
}
