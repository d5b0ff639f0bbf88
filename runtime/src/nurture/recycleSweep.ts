import { enqueueJob, ruleHolds, type SqlExecutor } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { compiledNurture, type NurtureRecordRow, nurtureRuleData } from './compiledNurtures.js';
import { enrollInNurture } from './enrollment.js';
import { NURTURE_RECYCLE_JOB, nurturesOf } from './nurtureDefinitions.js';

const DAY_MS = 86_400_000;

/** Records one sweep enrols per sequence at most; the rest wait for a follow-up sweep right after. */
export const RECYCLE_BATCH = 500;

/**
 * Events the system writes about a record, not signs of life from it: they do not break a silence.
 * (A record's own nurture emails, SLA reminders and score decay would otherwise keep it "active".)
 */
const SYSTEM_EVENT_PATTERNS = ['nurture.%', 'sla.%', 'score.%'];

/**
 * Records of the sequence's object silent since `cutoff`: created before it, not updated since,
 * no event of their own since, not active in the sequence and not enrolled in it since.
 */
async function silentRecords(
  tx: SqlExecutor,
  tenantId: string,
  nurture: string,
  object: string,
  cutoff: Date,
): Promise<NurtureRecordRow[]> {
  const { rows } = await tx.query<NurtureRecordRow>(
    `SELECT r.id::text AS id, r.data, r.owner_id::text AS owner_id, r.team_id::text AS team_id, r.created_at, r.updated_at
       FROM records r
      WHERE r.tenant_id = $1 AND r.object = $2 AND r.deleted_at IS NULL AND r.created_at < $3 AND r.updated_at < $3
        AND NOT EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = r.tenant_id AND e.record_id = r.id AND e.at >= $3
                          AND NOT (e.type LIKE ANY ($5::text[])))
        AND NOT EXISTS (SELECT 1 FROM nurture_enrollments n WHERE n.tenant_id = r.tenant_id AND n.record_id = r.id
                          AND n.nurture = $4 AND (n.status = 'active' OR n.enrolled_at >= $3))
      ORDER BY r.created_at, r.id
      LIMIT $6`,
    [tenantId, object, cutoff, nurture, SYSTEM_EVENT_PATTERNS, RECYCLE_BATCH],
  );
  return rows;
}

/** What one sweep did. */
export interface RecycleOutcome {
  /** Enrolments made, by sequence id. */
  readonly enrolled: Readonly<Record<string, number>>;
  /** True when a sequence had more silent records than one batch (a follow-up sweep is due now). */
  readonly more: boolean;
}

/**
 * The recycle sweep, in the caller's transaction: for each sequence with a recycle rule, enrols
 * the records silent for `silentDays` (that meet its `when`) with cause `recycle`.
 */
export async function recycleSilentRecords(
  tx: SqlExecutor,
  published: PublishedApp,
  now: Date,
): Promise<RecycleOutcome> {
  const enrolled: Record<string, number> = {};
  let more = false;
  for (const [id, definition] of nurturesOf(published)) {
    const rule = definition.recycle;
    if (!rule) continue;
    const cutoff = new Date(now.getTime() - rule.silentDays * DAY_MS);
    const candidates = await silentRecords(tx, published.tenantId, id, definition.object, cutoff);
    if (candidates.length === RECYCLE_BATCH) more = true;
    const when = compiledNurture(definition).recycleWhen;
    let count = 0;
    for (const row of candidates) {
      if (when && !ruleHolds(when, nurtureRuleData(row), now)) continue;
      const outcome = await enrollInNurture(tx, published, {
        recordId: row.id,
        nurtureId: id,
        now,
        cause: { by: 'recycle', silentDays: rule.silentDays },
      });
      if (outcome.enrolled) count++;
    }
    enrolled[id] = count;
  }
  return { enrolled, more };
}

/** True when the app has a sequence with a recycle rule (the daily sweep keeps going). */
export function hasRecycleRules(published: PublishedApp): boolean {
  return [...nurturesOf(published).values()].some((n) => n.recycle !== undefined);
}

/** Schedules the tenant's next sweep: once per day (keyed by date), or at once when a batch was full. */
export async function scheduleRecycleSweep(
  tx: SqlExecutor,
  tenantId: string,
  at: Date,
  now: Date,
  key = `day:${at.toISOString().slice(0, 10)}`,
): Promise<void> {
  await enqueueJob(tx, { tenantId, kind: NURTURE_RECYCLE_JOB, key, payload: {}, runAt: at }, now);
}

export { DAY_MS };
