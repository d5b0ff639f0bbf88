import { LeadforgeError, query, scopeCondition, sql } from '@leadforge/engine';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { envelopeOrThrow, UUID } from '../records/recordInput.js';
import { getRecord } from '../records/recordService.js';
import { enrollInNurture, unenrollFromNurture } from './enrollment.js';
import { nurtureOrThrow } from './nurtureDefinitions.js';

/** One run of a record through a sequence, as the API shows it. */
export interface ApiEnrollment {
  readonly id: string;
  readonly nurture: string;
  readonly recordId: string;
  readonly status: 'active' | 'completed' | 'exited' | 'unenrolled';
  /** The step the run is at (null once it ended or after the last step). */
  readonly currentStep: string | null;
  readonly stepIndex: number;
  /** When the current step runs. */
  readonly nextAt: string | null;
  readonly enrolledAt: string;
  readonly endedAt: string | null;
  readonly endReason: string | null;
  readonly cause: unknown;
}

interface EnrollmentRow {
  id: string;
  nurture: string;
  record_id: string;
  status: ApiEnrollment['status'];
  step_index: number;
  next_at: Date | null;
  enrolled_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  cause: unknown;
}

async function publishedOrThrow(ctx: RuntimeContext, actor: Actor) {
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'nothing is published yet');
  return published;
}

function recordIdFromBodyOrThrow(body: unknown): string {
  const { recordId } = envelopeOrThrow(body, ['recordId']);
  if (typeof recordId !== 'string' || !UUID.test(recordId))
    throw new LeadforgeError('MALFORMED', 'recordId must be a record id', [
      { path: '/recordId', message: 'must be a record id (uuid)' },
    ]);
  return recordId.toLowerCase();
}

/** Checks the caller may change the record (it is in their scope and their role updates its object). */
async function recordForWriteOrThrow(ctx: RuntimeContext, actor: Actor, object: string, recordId: string) {
  await objectAccessOrThrow(ctx, actor, object, 'update');
  await getRecord(ctx, actor, object, recordId);
}

/** Enrols a record by hand; a record already active in the sequence answers `enrolled: false`. */
export async function enrollByApi(ctx: RuntimeContext, actor: Actor, nurtureId: string, body: unknown) {
  const published = await publishedOrThrow(ctx, actor);
  const nurture = nurtureOrThrow(published, nurtureId);
  const recordId = recordIdFromBodyOrThrow(body);
  await recordForWriteOrThrow(ctx, actor, nurture.object, recordId);
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) =>
    enrollInNurture(tx, published, { recordId, nurtureId, now, cause: { by: 'api', userId: actor.userId } }),
  );
}

/** Ends a record's active run of the sequence by hand. */
export async function unenrollByApi(ctx: RuntimeContext, actor: Actor, nurtureId: string, recordId: string) {
  const published = await publishedOrThrow(ctx, actor);
  const nurture = nurtureOrThrow(published, nurtureId);
  if (!UUID.test(recordId)) throw new LeadforgeError('NOT_FOUND', 'record not found');
  await recordForWriteOrThrow(ctx, actor, nurture.object, recordId.toLowerCase());
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction((tx) =>
    unenrollFromNurture(tx, published, { recordId: recordId.toLowerCase(), nurtureId, now, reason: 'by hand' }),
  );
  if (!outcome.unenrolled) throw new LeadforgeError('NOT_FOUND', 'the record is not active in this sequence');
  return outcome;
}

/** The newest runs of the sequence over records the caller may read, with the step each is at. */
export async function listEnrollments(ctx: RuntimeContext, actor: Actor, nurtureId: string) {
  const published = await publishedOrThrow(ctx, actor);
  const nurture = nurtureOrThrow(published, nurtureId);
  const access = await objectAccessOrThrow(ctx, actor, nurture.object, 'read');
  const rows = await query<EnrollmentRow>(
    ctx.db,
    sql`SELECT n.id::text AS id, n.nurture, n.record_id::text AS record_id, n.status, n.step_index, n.next_at,
        n.enrolled_at, n.ended_at, n.end_reason, n.cause
   FROM nurture_enrollments n JOIN records ON records.tenant_id = n.tenant_id AND records.id = n.record_id
  WHERE n.tenant_id = ${actor.tenantId} AND n.nurture = ${nurtureId} AND records.deleted_at IS NULL
    AND ${scopeCondition(access.scope)}
  ORDER BY n.enrolled_at DESC, n.id LIMIT 500`,
  );
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  const enrollments: ApiEnrollment[] = rows.map((r) => ({
    id: r.id,
    nurture: r.nurture,
    recordId: r.record_id,
    status: r.status,
    currentStep: r.status === 'active' ? (nurture.steps[r.step_index]?.id ?? null) : null,
    stepIndex: r.step_index,
    nextAt: iso(r.next_at),
    enrolledAt: new Date(r.enrolled_at).toISOString(),
    endedAt: iso(r.ended_at),
    endReason: r.end_reason,
    cause: r.cause,
  }));
  return { nurture: nurtureId, enrollments };
}
