import { sql } from './sql.js';

/** A stored record: its field values in `data`, the rest in typed columns. Timestamps are ISO strings. */
export interface RecordRow {
  id: string;
  object: string;
  version: number;
  ownerId: string | null;
  teamId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  data: Record<string, unknown>;
}

/** What one history row says: who did what to which fields, from what to what. */
export interface HistoryEntry {
  version: number;
  action: HistoryAction;
  actorId: string | null;
  at: string;
  /** Field (or `owner` / `team`) → `{ from, to }`; `null` stands for "empty". */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export type HistoryAction = 'create' | 'update' | 'delete' | 'restore' | 'assign';

export interface RecordDbRow {
  id: string;
  object: string;
  version: number;
  owner_id: string | null;
  team_id: string | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  data: Record<string, unknown>;
}

export const RECORD_COLUMNS = sql`id, object, version, owner_id, team_id, created_by, created_at, updated_at, deleted_at, data`;

export function isoString(value: Date | string): string {
  return new Date(value).toISOString();
}

export function toRecordRow(row: RecordDbRow): RecordRow {
  return {
    id: row.id,
    object: row.object,
    version: Number(row.version),
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: isoString(row.created_at),
    updatedAt: isoString(row.updated_at),
    deletedAt: row.deleted_at === null ? null : isoString(row.deleted_at),
    data: row.data,
  };
}

/** `$now` or, when the caller gives no time, the database's, truncated to what a JS Date holds. */
export function timestamp(now: Date | undefined) {
  return sql`COALESCE(${now ? now.toISOString() : null}::timestamptz, date_trunc('milliseconds', now()))`;
}
