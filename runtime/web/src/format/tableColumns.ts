import type { FieldInfo, ObjectInfo } from '../api/types.js';

const NOT_IN_TABLES = new Set(['longtext', 'multiselect']);

/**
 * The fields a records table shows, in definition order: required fields first (a record is known by
 * them), then the others in the order the package author gave, up to `max`.
 */
export function tableColumns(object: ObjectInfo, max = 6): FieldInfo[] {
  const candidates = object.fields.filter((f) => !NOT_IN_TABLES.has(f.type));
  const chosen = new Set([...new Set([...candidates.filter((f) => f.required), ...candidates])].slice(0, max));
  return candidates.filter((f) => chosen.has(f));
}
