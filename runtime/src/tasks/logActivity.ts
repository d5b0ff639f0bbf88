import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';
import { appendRecordEvents } from '../pipelines/recordEvents.js';
import type { ActivityKind } from './taskRow.js';

export interface NewActivity {
  readonly tenantId: string;
  readonly record: { readonly id: string; readonly object: string };
  readonly kind: ActivityKind;
  readonly outcome: string | null;
  readonly summary: string | null;
  readonly occurredAt: Date;
  readonly durationMinutes: number | null;
  readonly taskId: string | null;
  readonly actorId: string | null;
  readonly now: Date;
}

/** An activity as the API shows it. */
export interface ApiActivity {
  readonly id: string;
  readonly record: { readonly object: string; readonly id: string };
  readonly kind: ActivityKind;
  readonly outcome: string | null;
  readonly summary: string | null;
  readonly occurredAt: string;
  readonly durationMinutes: number | null;
  readonly taskId: string | null;
  readonly actor: string | null;
  readonly createdAt: string;
}

/**
 * Logs what a user did on a record (a call, visit, email, meeting or note, with an outcome) inside
 * the caller's transaction and appends `activity.logged` (data: kind, outcome, taskId): the
 * follow-up timers of routing and SLA count it as a follow-up.
 */
export async function logActivity(tx: SqlExecutor, input: NewActivity): Promise<ApiActivity> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO activities (tenant_id, id, record_id, object, kind, outcome, summary, occurred_at, duration_minutes,
       task_id, actor_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      input.tenantId,
      id,
      input.record.id,
      input.record.object,
      input.kind,
      input.outcome,
      input.summary,
      input.occurredAt.toISOString(),
      input.durationMinutes,
      input.taskId,
      input.actorId,
      input.now.toISOString(),
    ],
  );
  await appendRecordEvents(
    tx,
    input.tenantId,
    [
      {
        recordId: input.record.id,
        object: input.record.object,
        type: 'activity.logged',
        data: {
          activityId: id,
          kind: input.kind,
          outcome: input.outcome,
          ...(input.taskId ? { taskId: input.taskId } : {}),
          actor: input.actorId,
        },
      },
    ],
    input.now,
  );
  return {
    id,
    record: { ...input.record },
    kind: input.kind,
    outcome: input.outcome,
    summary: input.summary,
    occurredAt: input.occurredAt.toISOString(),
    durationMinutes: input.durationMinutes,
    taskId: input.taskId,
    actor: input.actorId,
    createdAt: input.now.toISOString(),
  };
}
