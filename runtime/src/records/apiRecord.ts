import type { RecordRow } from '@leadforge/engine';
import type { ObjectAccess } from './recordAccess.js';

/** A record as the API shows it: system attributes beside the field values the caller may see. */
export interface ApiRecord {
  readonly id: string;
  readonly object: string;
  readonly version: number;
  readonly owner: string | null;
  readonly team: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly data: Record<string, unknown>;
}

/** Visible fields of the current app version only: data of removed fields stays stored but is not shown. */
export function visibleFieldNames(access: ObjectAccess, selection?: readonly string[]): readonly string[] {
  const names = access.object.fieldNames.filter((f) => !access.hidden.has(f));
  return selection ? names.filter((f) => selection.includes(f)) : names;
}

export function toApiRecord(row: RecordRow, fieldNames: readonly string[]): ApiRecord {
  const data: Record<string, unknown> = {};
  for (const name of fieldNames) {
    if (Object.hasOwn(row.data, name)) data[name] = row.data[name];
  }
  return {
    id: row.id,
    object: row.object,
    version: row.version,
    owner: row.ownerId,
    team: row.teamId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    data,
  };
}
