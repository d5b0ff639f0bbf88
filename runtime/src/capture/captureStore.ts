import type { CaptureCandidate, DedupeProbe, RecordAttribution } from '../../../engine/src/capture/index.js';
import { query, type SqlExecutor, type SqlFragment, sql } from '@leadforge/engine';

/** An event to append, with its id (a public submission's id is its `form.submitted` event's). */
export interface EventRow {
  readonly id: string;
  readonly recordId: string | null;
  readonly object: string | null;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly eventKey?: string | null;
}

/**
 * Serialises captures of the same dedupe key values inside the tenant until the transaction
 * ends: of 100 concurrent submissions with one email, one creates and 99 merge. Locks are taken
 * in one sorted order, so two captures sharing keys cannot deadlock.
 */
export async function lockCaptureKeys(tx: SqlExecutor, tenantId: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const names = [...new Set(keys.map((k) => `${tenantId}\u0001${k}`))];
  await query(
    tx,
    sql`SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest(${names}::text[]) AS k ORDER BY 1) AS s`,
  );
}

function probeCondition(probe: DedupeProbe, textFields: ReadonlySet<string>): SqlFragment {
  const parts = probe.fields.map((field, i) =>
    textFields.has(field)
      ? sql`lower(data->>${sql.key(field)}) = ${probe.values[i]}`
      : sql`data->${sql.key(field)} = ${JSON.stringify(probe.values[i])}::jsonb`,
  );
  return sql`(${sql.join(parts, ' AND ')})`;
}

/** Live records of the object matching any of the probes (the engine picks the survivor). */
export async function findCandidates(
  tx: SqlExecutor,
  tenantId: string,
  object: string,
  probes: readonly DedupeProbe[],
  textFields: ReadonlySet<string>,
): Promise<CaptureCandidate[]> {
  if (probes.length === 0) return [];
  const any = sql.join(
    probes.map((p) => probeCondition(p, textFields)),
    ' OR ',
  );
  const rows = await query<{
    id: string;
    version: number;
    created_at: Date | string;
    data: Record<string, unknown>;
    attribution: RecordAttribution | null;
  }>(
    tx,
    sql`SELECT id, version, created_at, data, attribution FROM records
WHERE tenant_id = ${tenantId} AND object = ${object} AND deleted_at IS NULL AND (${any})
ORDER BY created_at, id LIMIT 20`,
  );
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    createdAt: new Date(r.created_at).toISOString(),
    data: r.data,
    attribution: r.attribution,
  }));
}

/** Sets a record's attribution and appends events, in one statement. */
export async function writeAttributionAndEvents(
  tx: SqlExecutor,
  tenantId: string,
  recordId: string | null,
  attribution: RecordAttribution | null,
  events: readonly EventRow[],
  at: Date,
): Promise<void> {
  const rows = JSON.stringify(
    events.map((e) => ({
      id: e.id,
      record_id: e.recordId,
      object: e.object,
      type: e.type,
      data: e.data,
      event_key: e.eventKey ?? null,
    })),
  );
  const setAttribution =
    attribution && recordId
      ? sql`UPDATE records SET attribution = ${JSON.stringify(attribution)}::jsonb WHERE tenant_id = ${tenantId} AND id = ${recordId}::uuid RETURNING id`
      : sql`SELECT 1 AS id`;
  await query(
    tx,
    sql`WITH a AS (${setAttribution})
INSERT INTO events (tenant_id, id, record_id, object, type, at, data, event_key)
SELECT ${tenantId}, e.id, e.record_id, e.object, e.type, ${at.toISOString()}::timestamptz, e.data, e.event_key
FROM jsonb_to_recordset(${rows}::jsonb) AS e(id uuid, record_id uuid, object text, type text, data jsonb, event_key text)`,
  );
}

/** A stored answer for an idempotency key, or undefined. */
export async function storedAnswer(
  db: SqlExecutor,
  tenantId: string,
  key: string,
): Promise<{ requestHash: string; response: unknown } | undefined> {
  const rows = await query<{ request_hash: string; response: unknown }>(
    db,
    sql`SELECT request_hash, response FROM capture_idempotency WHERE tenant_id = ${tenantId} AND key = ${key}`,
  );
  // stored as a JSON string inside jsonb: jsonb would reorder keys, and a replay must be byte-identical
  return rows[0]
    ? { requestHash: rows[0].request_hash, response: JSON.parse(rows[0].response as string) as unknown }
    : undefined;
}

export async function lockIdempotencyKey(tx: SqlExecutor, tenantId: string, key: string): Promise<void> {
  await query(tx, sql`SELECT pg_advisory_xact_lock(hashtextextended(${`idem\u0001${tenantId}\u0001${key}`}, 0))`);
}

export async function storeAnswer(
  tx: SqlExecutor,
  tenantId: string,
  key: string,
  requestHash: string,
  response: unknown,
  at: Date,
): Promise<void> {
  await query(
    tx,
    sql`INSERT INTO capture_idempotency (tenant_id, key, request_hash, response, created_at)
VALUES (${tenantId}, ${key}, ${requestHash}, ${JSON.stringify(JSON.stringify(response))}::jsonb, ${at.toISOString()}::timestamptz)`,
  );
}

/** Adds one to each bucket's count in the current window and answers the new counts. */
export async function countInWindow(
  db: SqlExecutor,
  tenantId: string,
  buckets: readonly string[],
  windowStart: Date,
): Promise<Map<string, number>> {
  if (buckets.length === 0) return new Map();
  const rows = await query<{ bucket: string; count: number }>(
    db,
    sql`INSERT INTO capture_counters (tenant_id, bucket, window_start, count)
SELECT ${tenantId}, b, ${windowStart.toISOString()}::timestamptz, 1 FROM unnest(${[...buckets]}::text[]) AS b
ON CONFLICT (tenant_id, bucket, window_start) DO UPDATE SET count = capture_counters.count + 1
RETURNING bucket, count`,
  );
  return new Map(rows.map((r) => [r.bucket, Number(r.count)]));
}

/** Reserves a captcha token: false when it was used before (tokens are single use). */
export async function spendCaptchaToken(
  db: SqlExecutor,
  tenantId: string,
  tokenHash: string,
  at: Date,
): Promise<boolean> {
  const rows = await query(
    db,
    sql`INSERT INTO capture_captcha_tokens (tenant_id, token_hash, used_at)
VALUES (${tenantId}, ${tokenHash}, ${at.toISOString()}::timestamptz) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
  );
  return rows.length === 1;
}

/** The tenant's secret for render tokens, made on first use. */
export async function formSecret(db: SqlExecutor, tenantId: string, fresh: string, at: Date): Promise<string> {
  const rows = await query<{ form_secret: string }>(
    db,
    sql`WITH i AS (
  INSERT INTO capture_settings (tenant_id, form_secret, created_at) VALUES (${tenantId}, ${fresh}, ${at.toISOString()}::timestamptz)
  ON CONFLICT (tenant_id) DO NOTHING RETURNING form_secret
)
SELECT form_secret FROM i UNION ALL SELECT form_secret FROM capture_settings WHERE tenant_id = ${tenantId}`,
  );
  if (rows[0]) return rows[0].form_secret;
  // a concurrent first use committed after this statement's snapshot: read it now
  const again = await query<{ form_secret: string }>(
    db,
    sql`SELECT form_secret FROM capture_settings WHERE tenant_id = ${tenantId}`,
  );
  return again[0]!.form_secret;
}
