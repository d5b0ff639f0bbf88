import {
  enqueueDelivery,
  enqueueJob,
  labelText,
  type NurtureDefinition,
  type NurtureStep,
  parseDurationMs,
  planNurtureStep,
  type RecordDbRow,
  renderNurtureEmail,
  type SqlExecutor,
} from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { createTask } from '../tasks/createTask.js';
import { compiledNurture, type NurtureRecordRow, nurtureRuleData } from './compiledNurtures.js';
import { appendNurtureEvent, nurtureStepJobKey } from './enrollment.js';
import { NURTURE_STEP_JOB, nurturesOf } from './nurtureDefinitions.js';

interface EnrollmentRow {
  id: string;
  nurture: string;
  object: string;
  record_id: string;
  status: string;
  step_index: number;
  moves: number;
  enrolled_at: Date;
}

type RecordRow = NurtureRecordRow & Pick<RecordDbRow, 'deleted_at'>;

/** How a due step ended. */
export type NurtureStepOutcome = 'stale' | 'ran' | 'exited' | 'completed';

/** The default email endpoint a sequence sends through when it names none. */
export const DEFAULT_NURTURE_ENDPOINT = 'email';

async function endRun(
  tx: SqlExecutor,
  tenantId: string,
  run: EnrollmentRow,
  status: 'exited' | 'completed',
  reason: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE nurture_enrollments SET status = $3, end_reason = $4, ended_at = $5, next_at = NULL
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, run.id, status, reason, now],
  );
  await appendNurtureEvent(tx, tenantId, run.record_id, run.object, `nurture.${status}`, now, {
    nurture: run.nurture,
    enrollmentId: run.id,
    reason,
  });
}

async function recordFacts(tx: SqlExecutor, tenantId: string, run: EnrollmentRow) {
  const { rows } = await tx.query<{ mql: boolean; replied: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM record_scores WHERE tenant_id = $1 AND record_id = $2 AND mql) AS mql,
            EXISTS (SELECT 1 FROM events WHERE tenant_id = $1 AND record_id = $2 AND type = 'email.replied'
                     AND at >= $3) AS replied`,
    [tenantId, run.record_id, run.enrolled_at],
  );
  return { isMql: rows[0]?.mql === true, replied: rows[0]?.replied === true };
}

/** Does what a step does: puts an email in the outbox, or creates a task for the owner. */
async function performStep(
  tx: SqlExecutor,
  published: PublishedApp,
  nurture: NurtureDefinition,
  run: EnrollmentRow,
  record: RecordRow,
  step: NurtureStep,
  now: Date,
): Promise<Record<string, unknown>> {
  const { tenantId } = published;
  const locale = published.app.defaultLocale;
  if (step.type === 'email') {
    const address = record.data[nurture.emailField ?? 'email'];
    if (typeof address !== 'string' || address === '') return { skipped: 'no email address' };
    const email = renderNurtureEmail(step, record.data, locale);
    const messageId = `nurture-${run.id}-${run.moves}`;
    await enqueueDelivery(
      tx,
      {
        tenantId,
        endpointId: nurture.endpoint ?? DEFAULT_NURTURE_ENDPOINT,
        message: {
          id: messageId,
          event: 'nurture.email',
          occurredAt: now.toISOString(),
          data: { nurture: nurture.id, step: step.id, recordId: record.id, html: email.html },
          subject: email.subject,
          text: email.text,
          to: [address],
        },
      },
      now,
    );
    return { messageId };
  }
  if (step.type === 'task') {
    const task = await createTask(tx, {
      tenantId,
      record: { id: record.id, object: run.object },
      title: labelText(step.title, locale),
      dueAt: new Date(now.getTime() + parseDurationMs(step.due ?? 'P1D')),
      assigneeId: record.owner_id,
      source: { nurture: nurture.id, enrollmentId: run.id, step: step.id },
      createdBy: null,
      now,
    });
    return { taskId: task.id };
  }
  return {};
}

/**
 * Runs the due step of a nurture run in the caller's transaction: leaves on an exit, finishes
 * after the last step, else performs the step, records it on the timeline and schedules the next
 * step's job. A job for a step the run is no longer at does nothing.
 */
export async function runNurtureStep(
  tx: SqlExecutor,
  published: PublishedApp,
  payload: { readonly enrollmentId: string; readonly move: number },
  now: Date,
): Promise<NurtureStepOutcome> {
  const { tenantId } = published;
  const { rows } = await tx.query<EnrollmentRow>(
    `SELECT id::text AS id, nurture, object, record_id::text AS record_id, status, step_index, moves, enrolled_at
       FROM nurture_enrollments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, payload.enrollmentId],
  );
  const run = rows[0];
  if (run?.status !== 'active' || run.moves !== payload.move) return 'stale';
  const definition = nurturesOf(published).get(run.nurture);
  const records = await tx.query<RecordRow>(
    `SELECT id::text AS id, data, owner_id::text AS owner_id, team_id::text AS team_id, created_at, updated_at, deleted_at
       FROM records WHERE tenant_id = $1 AND id = $2`,
    [tenantId, run.record_id],
  );
  const record = records.rows[0];
  if (!definition || !record || record.deleted_at !== null) {
    await endRun(tx, tenantId, run, 'exited', definition ? 'record deleted' : 'sequence no longer published', now);
    return 'exited';
  }
  const facts = { now, ...(await recordFacts(tx, tenantId, run)) };
  const plan = planNurtureStep(compiledNurture(definition), run.step_index, nurtureRuleData(record), facts);
  if (plan.kind === 'exit') {
    await endRun(tx, tenantId, run, 'exited', plan.reason, now);
    return 'exited';
  }
  if (plan.kind === 'complete') {
    await endRun(tx, tenantId, run, 'completed', 'last step done', now);
    return 'completed';
  }
  const done = await performStep(tx, published, definition, run, record, plan.step, now);
  if (plan.step.type !== 'wait') {
    await appendNurtureEvent(tx, tenantId, run.record_id, run.object, 'nurture.step', now, {
      nurture: run.nurture,
      enrollmentId: run.id,
      step: plan.step.id,
      type: plan.step.type,
      ...(plan.taken === undefined ? {} : { taken: plan.taken }),
      ...done,
    });
  }
  const move = run.moves + 1;
  await tx.query(
    `UPDATE nurture_enrollments SET step_index = $3, moves = $4, next_at = $5 WHERE tenant_id = $1 AND id = $2`,
    [tenantId, run.id, plan.next, move, plan.nextAt],
  );
  await enqueueJob(
    tx,
    {
      tenantId,
      kind: NURTURE_STEP_JOB,
      key: nurtureStepJobKey(run.id, move),
      payload: { enrollmentId: run.id, move },
      runAt: plan.nextAt,
    },
    now,
  );
  return 'ran';
}
