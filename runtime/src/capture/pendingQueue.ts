import { query, type SqlExecutor, sql } from '@leadforge/engine';
import type { CaptureInput } from '../../../engine/src/capture/index.js';

/** A submission waiting in the durable queue: past the tenant's quota (`queued`) or its captcha unverified (`held`). */
export interface PendingPayload {
  readonly submissionId: string;
  readonly input: CaptureInput;
  readonly form?: string;
  readonly actorId?: string | null;
  readonly captcha?: {
    readonly provider: string;
    readonly token: string;
    readonly siteKey: string;
    readonly remoteIp: string;
  };
  readonly blockedDomains?: readonly string[];
  /** The form's hidden visitor id, stitched when the submission is captured and scored. */
  readonly visitorId?: string;
}

export interface PendingRow {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: 'queued' | 'held';
  readonly payload: PendingPayload;
  readonly attempts: number;
  readonly createdAt: Date;
}

export async function enqueuePending(
  db: SqlExecutor,
  tenantId: string,
  kind: 'queued' | 'held',
  payload: PendingPayload,
  runAt: Date,
  now: Date,
): Promise<void> {
  await query(
    db,
    sql`INSERT INTO capture_pending (tenant_id, id, kind, payload, run_at, created_at)
VALUES (${tenantId}, ${payload.submissionId}::uuid, ${kind}, ${JSON.stringify(payload)}::jsonb,
  ${runAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`,
  );
}

/** How many submissions of the tenant wait in the queue. */
export async function pendingCount(db: SqlExecutor, tenantId: string): Promise<number> {
  const rows = await query<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM capture_pending WHERE tenant_id = ${tenantId}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Claims due submissions, oldest first, under a lease: a claimed row's `run_at` moves to the
 * lease's end, so a crashed processor's rows come back; SKIP LOCKED lets processes share the queue.
 */
export async function claimPending(db: SqlExecutor, now: Date, limit: number, leaseMs: number): Promise<PendingRow[]> {
  const rows = await query<{
    tenant_id: string;
    id: string;
    kind: 'queued' | 'held';
    payload: PendingPayload;
    attempts: number;
    created_at: Date | string;
  }>(
    db,
    sql`UPDATE capture_pending p SET run_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, attempts = p.attempts + 1
FROM (
  SELECT tenant_id, id FROM capture_pending WHERE run_at <= ${now.toISOString()}::timestamptz
  ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
) due
WHERE p.tenant_id = due.tenant_id AND p.id = due.id
RETURNING p.tenant_id, p.id, p.kind, p.payload, p.attempts, p.created_at`,
  );
  return rows
    .map((r) => ({
      tenantId: r.tenant_id,
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      attempts: Number(r.attempts),
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function reschedulePending(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  runAt: Date,
  error: string | null,
  kind?: 'queued' | 'held',
): Promise<void> {
  await query(
    db,
    sql`UPDATE capture_pending SET run_at = ${runAt.toISOString()}::timestamptz, last_error = ${error},
  kind = COALESCE(${kind ?? null}, kind)
WHERE tenant_id = ${tenantId} AND id = ${id}::uuid`,
  );
}

export async function deletePending(db: SqlExecutor, tenantId: string, id: string): Promise<void> {
  await query(db, sql`DELETE FROM capture_pending WHERE tenant_id = ${tenantId} AND id = ${id}::uuid`);
}
