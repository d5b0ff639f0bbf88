import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';

/** One in-app notification to write. */
export interface NewNotification {
  readonly tenantId: string;
  readonly userId: string;
  /** What happened, e.g. `lead.assigned`, `pool.accept-timeout`, `automation.notify`. */
  readonly kind: string;
  readonly title: string;
  readonly body?: string | null;
  readonly object?: string | null;
  readonly recordId?: string | null;
  readonly data?: Readonly<Record<string, unknown>>;
}

const TITLE_MAX = 300;
const BODY_MAX = 4000;

/**
 * Writes an in-app notification through the caller's executor, so it commits with the change
 * that caused it (routing, pool timeouts, automations' notify action all use this one writer).
 */
export async function notifyUser(tx: SqlExecutor, n: NewNotification, now: Date): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, object, record_id, data, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
    [
      n.tenantId,
      id,
      n.userId,
      n.kind,
      n.title.slice(0, TITLE_MAX),
      n.body == null ? null : n.body.slice(0, BODY_MAX),
      n.object ?? null,
      n.recordId ?? null,
      JSON.stringify(n.data ?? {}),
      now,
    ],
  );
  return id;
}
