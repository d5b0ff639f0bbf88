import { randomUUID } from 'node:crypto';
import { LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import { compileForm } from '@leadforge/engine/forms';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { rescoreRecord } from '../scoring/rescoreRecords.js';
import { scoringOf } from '../scoring/scoringModels.js';
import type { IdentifyBody, TrackBody } from './trackBody.js';
import { countTrackRequest } from './trackRateLimit.js';

/** Page views come several per visit: the per-IP allowance is this many times the capture one. */
export const TRACK_PER_IP_FACTOR = 4;

export interface TrackAnswer {
  readonly status: 200 | 202;
  readonly body: { readonly status: 'accepted' | 'duplicate' };
}

/** The tenant's published app; 404 when the tenant has none (the same answer as an unknown tenant). */
export async function trackedAppOrThrow(ctx: RuntimeContext, tenantId: string): Promise<PublishedApp> {
  const published = await ctx.apps.current(tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no such tenant');
  return published;
}

const originsByApp = new Map<string, readonly string[]>();

/** The origins any of the app's forms accepts: a site that may embed a form may also send its page views. */
export function trackingOrigins(published: PublishedApp): readonly string[] {
  const known = originsByApp.get(published.app.fingerprint);
  if (known) return known;
  const origins = new Set<string>();
  for (const file of Object.keys(published.app.files)) {
    if (!file.startsWith('forms/')) continue;
    const form = compileForm(published.app, file.slice('forms/'.length, -'.json'.length));
    for (const origin of form?.protection.allowedOrigins ?? []) origins.add(origin);
  }
  if (originsByApp.size > 64) originsByApp.clear();
  originsByApp.set(published.app.fingerprint, [...origins]);
  return [...origins];
}

/** Event types the app's behaviour rules name: accepted by the endpoint besides the built-in list. */
export function ruleEventTypes(published: PublishedApp): Set<string> {
  return new Set(scoringOf(published.app).models.flatMap((m) => m.compiled.behaviour.map((r) => r.event)));
}

/** Counts one tracking request against the per-IP limit; 429 with Retry-After past it. */
export function countTrackingRequest(ctx: RuntimeContext, tenantId: string, ip: string): void {
  const { count, retryAfter } = countTrackRequest(ctx, `${tenantId}:${ip}`);
  if (count > ctx.config.capturePerIpPerMinute * TRACK_PER_IP_FACTOR)
    throw new LeadforgeError(
      'RATE_LIMITED',
      'too many events; try again shortly',
      [{ path: '', message: `try again in ${retryAfter} seconds` }],
      retryAfter,
    );
}

function scoredObjects(published: PublishedApp): string[] {
  return [...new Set(scoringOf(published.app).models.map((m) => m.object))];
}

/** The oldest live record of a scored object with this (normalised) email, or null. */
export async function recordByEmail(tx: SqlExecutor, published: PublishedApp, tenantId: string, email: string) {
  const { rows } = await tx.query<{ id: string; object: string }>(
    `SELECT id, object FROM records
      WHERE tenant_id = $1 AND object = ANY($2::text[]) AND lower(data->>'email') = $3 AND deleted_at IS NULL
      ORDER BY created_at, id LIMIT 1`,
    [tenantId, scoredObjects(published), email],
  );
  return rows[0] ?? null;
}

async function resolveRecord(
  tx: SqlExecutor,
  published: PublishedApp,
  tenantId: string,
  body: TrackBody,
): Promise<{ id: string; object: string } | null> {
  const identity = body.identity;
  if (identity.kind === 'email') return recordByEmail(tx, published, tenantId, identity.email);
  if (identity.kind === 'record') {
    const { rows } = await tx.query<{ id: string; object: string }>(
      `SELECT id, object FROM records WHERE tenant_id = $1 AND id = $2 AND object = ANY($3::text[]) AND deleted_at IS NULL`,
      [tenantId, identity.recordId, scoredObjects(published)],
    );
    return rows[0] ?? null;
  }
  const { rows } = await tx.query<{ id: string; object: string }>(
    `SELECT r.id, r.object FROM tracking_visitors v JOIN records r ON r.tenant_id = v.tenant_id AND r.id = v.record_id
      WHERE v.tenant_id = $1 AND v.visitor_id = $2 AND r.deleted_at IS NULL`,
    [tenantId, identity.visitorId],
  );
  return rows[0] ?? null;
}

/**
 * Appends a behaviour event once per `eventId` (a replay answers 200 "duplicate" and changes
 * nothing) and, when it identifies a record, rescores that record in the same transaction. An event
 * of an anonymous or not yet known visitor is kept with its visitor id and counts once the visitor
 * is identified. The answer is the same whether or not a record matched: a public caller learns
 * nothing about which ids or addresses are leads.
 */
export async function trackEvent(ctx: RuntimeContext, published: PublishedApp, body: TrackBody): Promise<TrackAnswer> {
  const tenantId = published.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const record = await resolveRecord(tx, published, tenantId, body);
    const id = randomUUID();
    const identity = body.identity;
    const data = {
      source: 'track',
      eventId: body.eventId,
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(identity.kind === 'visitor' ? { visitorId: identity.visitorId } : {}),
      ...(identity.kind === 'email' && !record ? { email: identity.email } : {}),
      properties: body.properties,
    };
    const inserted = await tx.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data, event_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`,
      [
        tenantId,
        id,
        record?.id ?? null,
        record?.object ?? null,
        body.type,
        body.at ?? now,
        JSON.stringify(data),
        `track:${body.eventId}`,
      ],
    );
    if (inserted.rowCount === 0) return { status: 200, body: { status: 'duplicate' } };
    if (record) await rescoreRecord(tx, published, tenantId, record.id, now, { eventId: id });
    return { status: 202, body: { status: 'accepted' } };
  });
}

/**
 * Stitches an anonymous visitor to a record in the caller's transaction: the visitor's earlier
 * events count for the record from now on, and the record is rescored. The first identification
 * of a visitor wins (a later claim on another record is ignored). Answers whether the visitor now
 * belongs to this record.
 */
export async function stitchVisitorInTx(
  tx: SqlExecutor,
  published: PublishedApp,
  visitorId: string,
  recordId: string,
  now: Date,
): Promise<boolean> {
  await tx.query(
    `INSERT INTO tracking_visitors (tenant_id, visitor_id, record_id, identified_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, visitor_id) DO NOTHING`,
    [published.tenantId, visitorId, recordId, now],
  );
  const { rows } = await tx.query<{ record_id: string }>(
    'SELECT record_id FROM tracking_visitors WHERE tenant_id = $1 AND visitor_id = $2',
    [published.tenantId, visitorId],
  );
  if (rows[0]?.record_id !== recordId) return false;
  await rescoreRecord(tx, published, published.tenantId, recordId, now, { reason: 'visitor.identified' });
  return true;
}

/**
 * `POST /public/identify`: the visitor is the record with this email (if there is one yet).
 * Answers whether it stitched, for the runtime's own use; the route does not reveal it.
 */
export async function identifyVisitor(
  ctx: RuntimeContext,
  published: PublishedApp,
  body: IdentifyBody,
): Promise<{ readonly identified: boolean }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const record = await recordByEmail(tx, published, published.tenantId, body.email);
    if (!record) return { identified: false };
    return { identified: await stitchVisitorInTx(tx, published, body.visitorId, record.id, now) };
  });
}
