import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';

export interface RecordEvent {
  readonly recordId: string;
  readonly object: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Appends events about a record to the append-only `events` table, inside the caller's transaction. */
export async function appendRecordEvents(
  tx: SqlExecutor,
  tenantId: string,
  events: readonly RecordEvent[],
  at: Date,
): Promise<void> {
  for (const e of events) {
    await tx.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [tenantId, randomUUID(), e.recordId, e.object, e.type, at.toISOString(), JSON.stringify(e.data)],
    );
  }
}
