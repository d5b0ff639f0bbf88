import { query, type SqlExecutor, sql } from '@leadforge/engine';
import type { CaptureInput } from '../../../engine/src/capture/index.js';

/** What a quarantined submission keeps: the capture it would have been, and why it was held back. */
export interface QuarantinePayload {
  readonly submissionId: string;
  readonly input: CaptureInput;
}

export interface QuarantineEntry {
  readonly id: string;
  readonly form: string | null;
  readonly object: string;
  readonly reasons: readonly string[];
  readonly data: Readonly<Record<string, unknown>>;
  readonly attribution: CaptureInput['attribution'];
  readonly createdAt: string;
  readonly releasedAt: string | null;
  readonly releasedBy: string | null;
  readonly recordId: string | null;
}

interface QuarantineDbRow {
  id: string;
  form: string | null;
  object: string;
  reasons: string[];
  payload: QuarantinePayload;
  created_at: Date | string;
  released_at: Date | string | null;
  released_by: string | null;
  record_id: string | null;
}

function toEntry(r: QuarantineDbRow): QuarantineEntry {
  return {
    id: r.id,
    form: r.form,
    object: r.object,
    reasons: r.reasons,
    data: r.payload.input.data,
    attribution: r.payload.input.attribution,
    createdAt: new Date(r.created_at).toISOString(),
    releasedAt: r.released_at === null ? null : new Date(r.released_at).toISOString(),
    releasedBy: r.released_by,
    recordId: r.record_id,
  };
}

export async function quarantine(
  db: SqlExecutor,
  tenantId: string,
  payload: QuarantinePayload,
  reasons: readonly string[],
  now: Date,
): Promise<void> {
  await query(
    db,
    sql`INSERT INTO capture_quarantine (tenant_id, id, form, object, reasons, payload, created_at)
VALUES (${tenantId}, ${payload.submissionId}::uuid, ${payload.input.attribution.form ?? null}, ${payload.input.object},
  ${JSON.stringify(reasons)}::jsonb, ${JSON.stringify(payload)}::jsonb, ${now.toISOString()}::timestamptz)
ON CONFLICT (tenant_id, id) DO NOTHING`,
  );
}

/** Quarantined submissions not yet released, newest first. */
export async function listQuarantine(
  db: SqlExecutor,
  tenantId: string,
  options: { readonly limit: number; readonly includeReleased: boolean },
): Promise<QuarantineEntry[]> {
  const released = options.includeReleased ? sql`` : sql` AND released_at IS NULL`;
  const rows = await query<QuarantineDbRow>(
    db,
    sql`SELECT id, form, object, reasons, payload, created_at, released_at, released_by, record_id
FROM capture_quarantine WHERE tenant_id = ${tenantId}${released} ORDER BY created_at DESC, id LIMIT ${options.limit}`,
  );
  return rows.map(toEntry);
}

/** Locks an unreleased entry for release; undefined when there is none with this id. */
export async function lockQuarantined(
  db: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<QuarantinePayload | undefined> {
  const rows = await query<{ payload: QuarantinePayload }>(
    db,
    sql`SELECT payload FROM capture_quarantine
WHERE tenant_id = ${tenantId} AND id = ${id}::uuid AND released_at IS NULL FOR UPDATE`,
  );
  return rows[0]?.payload;
}

export async function markReleased(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  actorId: string | null,
  recordId: string,
  now: Date,
): Promise<void> {
  await query(
    db,
    sql`UPDATE capture_quarantine SET released_at = ${now.toISOString()}::timestamptz, released_by = ${actorId}::uuid,
  record_id = ${recordId}::uuid WHERE tenant_id = ${tenantId} AND id = ${id}::uuid`,
  );
}
