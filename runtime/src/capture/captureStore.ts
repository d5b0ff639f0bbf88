import { query, type SqlExecutor, type SqlFragment, sql } from '@leadforge/engine';
import type { CaptureCandidate, RecordAttribution } from '../../../engine/src/capture/index.js';

/** An event to append, with its id (a public submission's id is its `form.submitted` event's). */
export interface EventRow {
  readonly id: string;
  readonly recordId: string | null;
  readonly object: string | null;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly eventKey?: string | null;
}

/** The advisory-lock names of dedupe key values inside a tenant (hashed and taken in hash order, here and in SQL). */
export function lockNames(tenantId: string, keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => `${tenantId}\u0001${k}`))];
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

/**
 * Adds one to each bucket's count in the window starting at `windowStart` (a row per bucket in
 * `capture_counters`) and answers the new counts: limits shared by every runtime process. Public
 * capture counts in memory instead (its hot tenant row would serialise every submission); the
 * tracking endpoint counts here.
 */
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

/** What the one-round-trip create answers: the new record's id, or the records that hold the keys already. */
export type CreateIfAbsent = { readonly created: string } | { readonly candidates: readonly CaptureCandidate[] };

/**
 * The capture fast path (migration 3's `capture_create_if_absent`): locks the key values, looks
 * for records holding them and, when none does, writes record, history and events, all in one
 * statement (autocommit). With candidates it writes nothing: the caller merges in a transaction.
 * `andThen`: more common table expressions (each starting with a comma) that may read the result
 * as `c.result` and write in the same statement (the new record's first scores).
 */
export async function createIfAbsent(
  db: SqlExecutor,
  tenantId: string,
  object: string,
  locks: readonly string[],
  probes: readonly { readonly field: string; readonly value: unknown; readonly ci: boolean }[][],
  record: {
    readonly id: string;
    readonly data: Readonly<Record<string, unknown>>;
    readonly ownerId: string | null;
    readonly teamId: string | null;
    readonly actorId: string | null;
    readonly at: Date;
    readonly attribution: RecordAttribution;
    readonly changes: Readonly<Record<string, unknown>>;
  },
  events: readonly EventRow[],
  andThen?: SqlFragment,
): Promise<CreateIfAbsent> {
  const call = sql`capture_create_if_absent(${tenantId}, ${object}, ${[...locks]}::text[], ${JSON.stringify(probes)}::jsonb,
  ${JSON.stringify({ ...record, at: record.at.toISOString() })}::jsonb,
  ${JSON.stringify(events.map((e) => ({ id: e.id, type: e.type, data: e.data, event_key: e.eventKey ?? null })))}::jsonb)`;
  const rows = await query<{
    result: { created?: string; candidates?: (Omit<CaptureCandidate, 'createdAt'> & { createdAt: string })[] };
  }>(
    db,
    andThen ? sql`WITH c AS (SELECT ${call} AS result)${andThen} SELECT result FROM c` : sql`SELECT ${call} AS result`,
    // every public submission runs this text: planning it each time cost PostgreSQL a third of the statement
    { prepared: true },
  );
  const result = rows[0]!.result;
  if (result.created) return { created: result.created };
  return {
    candidates: (result.candidates ?? []).map((c) => ({
      id: c.id,
      version: Number(c.version),
      createdAt: new Date(c.createdAt).toISOString(),
      data: c.data,
      attribution: c.attribution,
    })),
  };
}
