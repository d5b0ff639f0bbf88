import { randomUUID } from 'node:crypto';
import { insertRecord, type RecordRow, type SqlExecutor } from '@leadforge/engine';

/** A user id (the store does not check users exist). */
export function aUserId(): string {
  return randomUUID();
}

/** Inserts a lead with the given data; owner, team and actor default to nobody. */
export function aLead(
  db: SqlExecutor,
  tenantId: string,
  data: Record<string, unknown>,
  options: {
    ownerId?: string | null;
    teamId?: string | null;
    actorId?: string | null;
    now?: Date;
    object?: string;
  } = {},
): Promise<RecordRow> {
  return insertRecord(db, {
    tenantId,
    object: options.object ?? 'lead',
    data,
    ownerId: options.ownerId ?? null,
    teamId: options.teamId ?? null,
    actorId: options.actorId ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
}
