import type { SqlExecutor } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { type RescoreOutcome, rescoreRecords, type ScoreCause } from '../scoring/rescoreRecords.js';
import { scoringOf } from '../scoring/scoringModels.js';

/** A record a capture (or an edit) just wrote: the capture's event, and the visitor the form carried. */
export interface CapturedRecord {
  readonly recordId: string;
  /** The capture's own event: the cause kept on the score history. */
  readonly eventId?: string;
  /** The form's hidden `visitorId` (the `/t.js` snippet's `lf_vid` cookie). */
  readonly visitorId?: string;
}

/** The shape tracking accepts for a visitor id; anything else is ignored (never an error). */
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;

const NOTHING: RescoreOutcome = { scored: 0, changed: 0, errors: 0 };

function causeOf(item: CapturedRecord | undefined): ScoreCause {
  return item?.eventId ? { eventId: item.eventId } : { reason: 'record.changed' };
}

/**
 * Scores freshly captured or changed records inside the caller's transaction, batch-friendly (an
 * import calls it with up to 1,000 records): one statement stitches every visitor id to its record
 * (the first identification of a visitor wins), so the visitor's earlier anonymous events count,
 * then one set-based rescoring of all the records (rescoreRecords: three reads, at most four
 * writes). Each record's history rows name its own capture event as the cause. A record listed
 * twice is scored once, with its last event as the cause.
 */
export async function scoreCaptured(
  tx: SqlExecutor,
  published: PublishedApp,
  captured: readonly CapturedRecord[],
  now: Date,
): Promise<RescoreOutcome> {
  if (captured.length === 0 || scoringOf(published.app).models.length === 0) return NOTHING;
  const byRecord = new Map<string, CapturedRecord>();
  const visitors = new Map<string, string>();
  for (const item of captured) {
    const previous = byRecord.get(item.recordId);
    byRecord.set(item.recordId, item.eventId || !previous ? item : previous);
    if (item.visitorId && VISITOR_ID.test(item.visitorId) && !visitors.has(item.visitorId))
      visitors.set(item.visitorId, item.recordId);
  }
  if (visitors.size > 0) {
    await tx.query(
      `INSERT INTO tracking_visitors (tenant_id, visitor_id, record_id, identified_at)
       SELECT $1, x.v, x.r, $4 FROM unnest($2::text[], $3::uuid[]) AS x(v, r)
       ON CONFLICT (tenant_id, visitor_id) DO NOTHING`,
      [published.tenantId, [...visitors.keys()], [...visitors.values()], now],
    );
  }
  return rescoreRecords(tx, published, published.tenantId, [...byRecord.keys()], now, (id) =>
    causeOf(byRecord.get(id)),
  );
}

/** Where scoring failures after a committed capture are reported (default: stderr). */
export type ScoringLog = (message: string) => void;

/**
 * After a capture or an edit has committed: scores the records in a short transaction of its own.
 * Never throws: capture is neither blocked nor failed by scoring. When scoring fails, the failure
 * is logged and the records are marked in `scoring_pending`, which the scoring worker rescores on
 * its next tick (drainPendingScoring).
 */
export async function scoreAfterWrite(
  ctx: RuntimeContext,
  published: PublishedApp,
  captured: readonly CapturedRecord[],
  log: ScoringLog = (m) => console.error(m),
): Promise<RescoreOutcome> {
  if (captured.length === 0 || scoringOf(published.app).models.length === 0) return NOTHING;
  try {
    return await ctx.db.transaction((tx) => scoreCaptured(tx, published, captured, ctx.clock.now()));
  } catch (err) {
    log(`scoring after capture failed (${captured.length} record(s), marked for rescoring): ${(err as Error).message}`);
    await markForScoring(ctx.db, published.tenantId, captured, ctx.clock.now()).catch((markErr: Error) =>
      log(`scoring after capture: could not mark records for rescoring: ${markErr.message}`),
    );
    return NOTHING;
  }
}

/**
 * scoreAfterWrite for a tenant's current app (records API edits, merge, qualify): after the
 * commit, never throws.
 */
export async function scoreRecordsAfterWrite(
  ctx: RuntimeContext,
  tenantId: string,
  captured: readonly CapturedRecord[],
): Promise<RescoreOutcome> {
  const published = await ctx.apps.current(tenantId).catch(() => null);
  return published ? scoreAfterWrite(ctx, published, captured) : NOTHING;
}

/** Scores one committed capture, its event as the cause (see scoreAfterWrite; never throws). */
export function scoreCapture(
  ctx: RuntimeContext,
  published: PublishedApp,
  written: { readonly recordId: string; readonly submissionId: string },
  visitorId?: string,
  log: ScoringLog = (m) => console.error(m),
): Promise<RescoreOutcome> {
  const captured: CapturedRecord = {
    recordId: written.recordId,
    eventId: written.submissionId,
    ...(visitorId ? { visitorId } : {}),
  };
  return scoreAfterWrite(ctx, published, [captured], log);
}

/** Marks records for the scoring worker (see scoreAfterWrite); the visitors are stitched then too. */
export async function markForScoring(
  db: SqlExecutor,
  tenantId: string,
  captured: readonly CapturedRecord[],
  now: Date,
): Promise<void> {
  if (captured.length === 0) return;
  const unique = new Map(captured.map((c) => [c.recordId, c]));
  await db.query(
    `INSERT INTO scoring_pending (tenant_id, record_id, marked_at, cause)
     SELECT $1, x.r, $3, x.c FROM unnest($2::uuid[], $4::jsonb[]) AS x(r, c)
     ON CONFLICT (tenant_id, record_id) DO UPDATE SET marked_at = EXCLUDED.marked_at, cause = EXCLUDED.cause`,
    [
      tenantId,
      [...unique.keys()],
      now,
      [...unique.values()].map((c) =>
        JSON.stringify({ ...causeOf(c), ...(c.visitorId ? { visitorId: c.visitorId } : {}) }),
      ),
    ],
  );
}
