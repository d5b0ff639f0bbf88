import { randomUUID } from 'node:crypto';
import { enqueueJob, LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { NURTURE_STEP_JOB, nurtureOrThrow } from './nurtureDefinitions.js';

/** Why a record entered a sequence: an automation, an API call, the recycle sweep. */
export type EnrollmentCause =
  | { readonly by: 'automation'; readonly automationId?: string; readonly runId?: string }
  | { readonly by: 'api'; readonly userId?: string | null }
  | { readonly by: 'recycle'; readonly silentSince?: string }
  | { readonly by: string; readonly [key: string]: unknown };

export interface EnrollInput {
  readonly recordId: string;
  readonly nurtureId: string;
  readonly now: Date;
  readonly cause: EnrollmentCause;
}

export interface EnrollOutcome {
  /** False when the record already runs through this sequence (the second enrolment is ignored). */
  readonly enrolled: boolean;
  /** The new run, or the run already active. */
  readonly enrollmentId: string;
}

export interface UnenrollInput {
  readonly recordId: string;
  readonly nurtureId: string;
  readonly now: Date;
  readonly reason: string;
}

/** The job key of a run's `move`-th step: one job per step run, so a replayed step is never sent twice. */
export function nurtureStepJobKey(enrollmentId: string, move: number): string {
  return `${enrollmentId}:${move}`;
}

async function recordObjectOrThrow(tx: SqlExecutor, tenantId: string, recordId: string): Promise<string> {
  const { rows } = await tx.query<{ object: string }>(
    'SELECT object FROM records WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL',
    [tenantId, recordId],
  );
  const object = rows[0]?.object;
  if (object === undefined) throw new LeadforgeError('NOT_FOUND', `record ${recordId} does not exist`);
  return object;
}

/**
 * Enrols a record in a published sequence, in the caller's transaction: the run, its first step's
 * durable job and a `nurture.enrolled` event commit together. A record already active in the
 * sequence is left alone (`enrolled: false`). NOT_FOUND for an unknown sequence or record,
 * INVALID when the record is not of the sequence's object.
 */
export async function enrollInNurture(
  tx: SqlExecutor,
  published: PublishedApp,
  { recordId, nurtureId, now, cause }: EnrollInput,
): Promise<EnrollOutcome> {
  const { tenantId } = published;
  const nurture = nurtureOrThrow(published, nurtureId);
  const object = await recordObjectOrThrow(tx, tenantId, recordId);
  if (object !== nurture.object)
    throw new LeadforgeError('INVALID', `nurture "${nurtureId}" enrols ${nurture.object} records, not ${object}`, [
      { path: '/recordId', message: `is a ${object} record` },
    ]);
  const id = randomUUID();
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO nurture_enrollments (tenant_id, id, nurture, object, record_id, status, step_index, cause, enrolled_at, next_at)
     VALUES ($1, $2, $3, $4, $5, 'active', 0, $6::jsonb, $7, $7)
     ON CONFLICT (tenant_id, nurture, record_id) WHERE status = 'active' DO NOTHING
     RETURNING id::text AS id`,
    [tenantId, id, nurtureId, object, recordId, JSON.stringify(cause), now],
  );
  if (inserted.rows.length === 0) {
    const active = await tx.query<{ id: string }>(
      `SELECT id::text AS id FROM nurture_enrollments
        WHERE tenant_id = $1 AND nurture = $2 AND record_id = $3 AND status = 'active'`,
      [tenantId, nurtureId, recordId],
    );
    return { enrolled: false, enrollmentId: active.rows[0]?.id ?? '' };
  }
  await enqueueJob(
    tx,
    {
      tenantId,
      kind: NURTURE_STEP_JOB,
      key: nurtureStepJobKey(id, 0),
      payload: { enrollmentId: id, move: 0 },
      runAt: now,
    },
    now,
  );
  await appendNurtureEvent(tx, tenantId, recordId, object, 'nurture.enrolled', now, {
    nurture: nurtureId,
    enrollmentId: id,
    cause,
  });
  return { enrolled: true, enrollmentId: id };
}

/**
 * Ends a record's active run of a sequence (its pending step job finds the run ended and does
 * nothing). Answers false when the record was not active in the sequence.
 */
export async function unenrollFromNurture(
  tx: SqlExecutor,
  published: PublishedApp,
  { recordId, nurtureId, now, reason }: UnenrollInput,
): Promise<{ readonly unenrolled: boolean }> {
  const { tenantId } = published;
  nurtureOrThrow(published, nurtureId);
  const { rows } = await tx.query<{ id: string; object: string }>(
    `UPDATE nurture_enrollments SET status = 'unenrolled', ended_at = $4, end_reason = $5, next_at = NULL
      WHERE tenant_id = $1 AND nurture = $2 AND record_id = $3 AND status = 'active'
      RETURNING id::text AS id, object`,
    [tenantId, nurtureId, recordId, now, reason],
  );
  const ended = rows[0];
  if (!ended) return { unenrolled: false };
  await appendNurtureEvent(tx, tenantId, recordId, ended.object, 'nurture.exited', now, {
    nurture: nurtureId,
    enrollmentId: ended.id,
    status: 'unenrolled',
    reason,
  });
  return { unenrolled: true };
}

/** Appends a nurture event to the record's timeline. */
export async function appendNurtureEvent(
  tx: SqlExecutor,
  tenantId: string,
  recordId: string,
  object: string,
  type: string,
  at: Date,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [tenantId, randomUUID(), recordId, object, type, at, JSON.stringify(data)],
  );
}
