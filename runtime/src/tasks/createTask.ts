import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';
import { appendRecordEvents } from '../pipelines/recordEvents.js';
import { type ApiTask, TASK_COLUMNS, type TaskDbRow, type TaskKind, type TaskPriority, toApiTask } from './taskRow.js';

export interface NewTask {
  readonly tenantId: string;
  readonly record: { readonly id: string; readonly object: string };
  readonly title: string;
  readonly kind?: TaskKind;
  readonly priority?: TaskPriority;
  readonly dueAt?: Date | null;
  /** Defaults to nobody; the HTTP service defaults it to the record's owner. */
  readonly assigneeId?: string | null;
  readonly notes?: string | null;
  readonly source?: Record<string, unknown> | null;
  readonly createdBy: string | null;
  readonly now: Date;
}

/**
 * Creates a task on a record inside the caller's transaction and appends `task.created`.
 * Automations call this too (an action "create a call task due in 2 hours"); inputs are trusted
 * here, the HTTP service checks them first.
 */
export async function createTask(tx: SqlExecutor, input: NewTask): Promise<ApiTask> {
  const { rows } = await tx.query<TaskDbRow>(
    `INSERT INTO tasks (tenant_id, id, record_id, object, title, kind, priority, status, assignee_id, due_at, notes,
       source, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11::jsonb, $12, $13, $13)
     RETURNING ${TASK_COLUMNS}`,
    [
      input.tenantId,
      randomUUID(),
      input.record.id,
      input.record.object,
      input.title,
      input.kind ?? 'todo',
      input.priority ?? 'normal',
      input.assigneeId ?? null,
      input.dueAt ? input.dueAt.toISOString() : null,
      input.notes ?? null,
      input.source ? JSON.stringify(input.source) : null,
      input.createdBy,
      input.now.toISOString(),
    ],
  );
  const task = toApiTask(rows[0]!);
  await appendRecordEvents(
    tx,
    input.tenantId,
    [
      {
        recordId: task.record.id,
        object: task.record.object,
        type: 'task.created',
        data: {
          taskId: task.id,
          title: task.title,
          kind: task.kind,
          priority: task.priority,
          dueAt: task.dueAt,
          assignee: task.assignee,
        },
      },
    ],
    input.now,
  );
  return task;
}
