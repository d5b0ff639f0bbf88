import { LeadforgeError } from '@leadforge/engine';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { UUID } from '../records/recordInput.js';

export interface ApiNotification {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string | null;
  readonly object: string | null;
  readonly recordId: string | null;
  readonly data: unknown;
  readonly createdAt: string;
  readonly readAt: string | null;
}

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  object: string | null;
  record_id: string | null;
  data: unknown;
  created_at: Date | string;
  read_at: Date | string | null;
}

const toApi = (r: NotificationRow): ApiNotification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  object: r.object,
  recordId: r.record_id,
  data: r.data,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at === null ? null : new Date(r.read_at).toISOString(),
});

export interface NotificationQuery {
  readonly unread?: boolean;
  readonly limit: number;
}

/** The caller's own notifications: unread first, newest first within each; with the unread count. */
export async function listNotifications(ctx: RuntimeContext, actor: Actor, q: NotificationQuery) {
  const unreadOnly = q.unread === true ? 'AND read_at IS NULL' : '';
  const [{ rows }, count] = await Promise.all([
    ctx.db.query<NotificationRow>(
      `SELECT id, kind, title, body, object, record_id, data, created_at, read_at FROM notifications
        WHERE tenant_id = $1 AND user_id = $2 ${unreadOnly}
        ORDER BY (read_at IS NULL) DESC, created_at DESC, id LIMIT $3`,
      [actor.tenantId, actor.userId, q.limit],
    ),
    ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL',
      [actor.tenantId, actor.userId],
    ),
  ]);
  return { notifications: rows.map(toApi), unread: Number(count.rows[0]?.n ?? 0) };
}

/** Marks one of the caller's notifications read (idempotent); another user's is NOT_FOUND. */
export async function markNotificationRead(ctx: RuntimeContext, actor: Actor, id: string): Promise<ApiNotification> {
  if (!UUID.test(id)) throw new LeadforgeError('NOT_FOUND', 'notification not found');
  const { rows } = await ctx.db.query<NotificationRow>(
    `UPDATE notifications SET read_at = COALESCE(read_at, $4)
      WHERE tenant_id = $1 AND user_id = $2 AND id = $3
      RETURNING id, kind, title, body, object, record_id, data, created_at, read_at`,
    [actor.tenantId, actor.userId, id.toLowerCase(), ctx.clock.now()],
  );
  if (!rows[0]) throw new LeadforgeError('NOT_FOUND', 'notification not found');
  return toApi(rows[0]);
}

/** Marks all of the caller's notifications read; answers how many changed. */
export async function markAllNotificationsRead(ctx: RuntimeContext, actor: Actor): Promise<number> {
  const { rowCount } = await ctx.db.query(
    'UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL',
    [actor.tenantId, actor.userId, ctx.clock.now()],
  );
  return rowCount;
}
