import { LeadforgeError, type RowScope, type SqlExecutor } from '@leadforge/engine';
import { isAdmin } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import { getUser } from '../access/users.js';
import type { RuntimeContext } from '../context.js';
import { type LockedRecord, lockRecordOrThrow } from '../pipelines/lockedRecord.js';
import { appendRecordEvents } from '../pipelines/recordEvents.js';
import { choiceOrThrow, codeOrThrow, datetimeOrThrow, textOrThrow, uuidOrThrow } from '../pipelines/textInput.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { envelopeOrThrow, onlyParamsOrThrow, recordIdOrThrow, UUID, versionOrThrow } from '../records/recordInput.js';
import { createTask } from './createTask.js';
import { logActivity } from './logActivity.js';
import {
  ACTIVITY_KINDS,
  type ApiTask,
  TASK_COLUMNS,
  TASK_KINDS,
  TASK_PRIORITIES,
  type TaskDbRow,
  toApiTask,
} from './taskRow.js';

async function assigneeOrThrow(db: SqlExecutor, tenantId: string, value: unknown): Promise<string | undefined> {
  const id = uuidOrThrow(value, '/assignee');
  if (id === undefined) return undefined;
  const user = await getUser(db, tenantId, id);
  if (!user?.active)
    throw new LeadforgeError('INVALID', 'the assignee must be an active user', [
      { path: '/assignee', message: 'no active user has this id' },
    ]);
  return user.id;
}

/** `POST /api/v1/records/:object/:id/tasks`: a task on a record the caller may update; assigned to the owner by default. */
export async function createRecordTask(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  body: unknown,
): Promise<ApiTask> {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const input = envelopeOrThrow(body, ['title', 'kind', 'priority', 'dueAt', 'assignee', 'notes']);
  const title = textOrThrow(input.title, '/title', 200, true)!;
  const kind = choiceOrThrow(input.kind, '/kind', TASK_KINDS);
  const priority = choiceOrThrow(input.priority, '/priority', TASK_PRIORITIES);
  const dueAt = datetimeOrThrow(input.dueAt, '/dueAt');
  const notes = textOrThrow(input.notes, '/notes', 4000);
  const recordId = recordIdOrThrow(id);
  const assignee = await assigneeOrThrow(ctx.db, actor.tenantId, input.assignee);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const record = await lockRecordOrThrow(tx, actor.tenantId, objectName, recordId, access.scope);
    return createTask(tx, {
      tenantId: actor.tenantId,
      record,
      title,
      ...(kind ? { kind } : {}),
      ...(priority ? { priority } : {}),
      dueAt: dueAt ?? null,
      assigneeId: assignee ?? record.ownerId ?? actor.userId,
      notes: notes ?? null,
      createdBy: actor.userId,
      now,
    });
  });
}

interface TaskInScope {
  readonly task: TaskDbRow;
  readonly record: LockedRecord;
}

function taskNotFound(): LeadforgeError {
  return new LeadforgeError('NOT_FOUND', 'task not found');
}

/**
 * The row scope the caller updates the task's record with; NOT_FOUND when there is no such task or
 * the caller may not update its object. Read before the transaction: resolving the app may query.
 */
async function taskScopeOrThrow(ctx: RuntimeContext, actor: Actor, taskId: string): Promise<RowScope> {
  if (!UUID.test(taskId)) throw taskNotFound();
  const { rows } = await ctx.db.query<{ object: string }>('SELECT object FROM tasks WHERE tenant_id = $1 AND id = $2', [
    actor.tenantId,
    taskId.toLowerCase(),
  ]);
  if (!rows[0]) throw taskNotFound();
  try {
    return (await objectAccessOrThrow(ctx, actor, rows[0].object, 'update')).scope;
  } catch {
    throw taskNotFound();
  }
}

/** Locks a task and its record inside the transaction; NOT_FOUND when the record is out of the caller's scope. */
async function lockTaskOrThrow(tx: SqlExecutor, actor: Actor, taskId: string, scope: RowScope): Promise<TaskInScope> {
  const { rows } = await tx.query<TaskDbRow>(
    `SELECT ${TASK_COLUMNS} FROM tasks WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [actor.tenantId, taskId.toLowerCase()],
  );
  const task = rows[0];
  if (!task) throw taskNotFound();
  try {
    return { task, record: await lockRecordOrThrow(tx, actor.tenantId, task.object, task.record_id, scope) };
  } catch {
    throw taskNotFound();
  }
}

/** `PATCH /api/v1/tasks/:id`: reschedule (dueAt), reprioritise, reassign, retitle; `version` guards a concurrent change. */
export async function updateTask(ctx: RuntimeContext, actor: Actor, taskId: string, body: unknown): Promise<ApiTask> {
  const input = envelopeOrThrow(body, ['version', 'title', 'priority', 'dueAt', 'assignee', 'notes']);
  const version = versionOrThrow(input.version, false);
  const title = textOrThrow(input.title, '/title', 200);
  if (input.title !== undefined && title === undefined)
    throw new LeadforgeError('MALFORMED', 'title cannot be empty', [{ path: '/title', message: 'is required' }]);
  const priority = choiceOrThrow(input.priority, '/priority', TASK_PRIORITIES);
  const dueAt = input.dueAt === null ? null : datetimeOrThrow(input.dueAt, '/dueAt');
  const notes = input.notes === null ? null : textOrThrow(input.notes, '/notes', 4000);
  const assignee = await assigneeOrThrow(ctx.db, actor.tenantId, input.assignee);
  const scope = await taskScopeOrThrow(ctx, actor, taskId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { task } = await lockTaskOrThrow(tx, actor, taskId, scope);
    if (version !== undefined && version !== Number(task.version))
      throw new LeadforgeError('STALE_VERSION', `the task was changed by someone else (now version ${task.version})`, [
        { path: '/version', message: `current version is ${task.version}` },
      ]);
    const { rows } = await tx.query<TaskDbRow>(
      `UPDATE tasks SET title = COALESCE($3, title), priority = COALESCE($4, priority),
         due_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE due_at END,
         assignee_id = COALESCE($7::uuid, assignee_id),
         notes = CASE WHEN $8::boolean THEN $9 ELSE notes END,
         updated_at = $10, version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
      [
        actor.tenantId,
        task.id,
        title ?? null,
        priority ?? null,
        input.dueAt !== undefined,
        dueAt ? dueAt.toISOString() : null,
        assignee ?? null,
        input.notes !== undefined,
        notes ?? null,
        now.toISOString(),
      ],
    );
    const updated = toApiTask(rows[0]!);
    const before = toApiTask(task);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'priority', 'dueAt', 'assignee', 'notes'] as const)
      if (before[key] !== updated[key]) changes[key] = { from: before[key], to: updated[key] };
    await appendRecordEvents(
      tx,
      actor.tenantId,
      [{ recordId: task.record_id, object: task.object, type: 'task.updated', data: { taskId: task.id, changes } }],
      now,
    );
    return updated;
  });
}

/**
 * `POST /api/v1/tasks/:id/complete { outcome?, summary? }`: marks the task done. Completing a call,
 * visit, email or meeting task also logs that activity with its outcome (an `activity.logged`
 * follow-up carrying the task id).
 */
export async function completeTask(ctx: RuntimeContext, actor: Actor, taskId: string, body: unknown): Promise<ApiTask> {
  const input = envelopeOrThrow(body ?? {}, ['outcome', 'summary']);
  const outcome = codeOrThrow(input.outcome, '/outcome');
  const summary = textOrThrow(input.summary, '/summary', 4000);
  const scope = await taskScopeOrThrow(ctx, actor, taskId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { task, record } = await lockTaskOrThrow(tx, actor, taskId, scope);
    if (task.status === 'done')
      throw new LeadforgeError('CONFLICT', 'the task is already done', [{ path: '/id', message: 'is done' }]);
    const { rows } = await tx.query<TaskDbRow>(
      `UPDATE tasks SET status = 'done', completed_at = $3, completed_by = $4, outcome = $5, updated_at = $3,
         version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
      [actor.tenantId, task.id, now.toISOString(), actor.userId, outcome ?? null],
    );
    await appendRecordEvents(
      tx,
      actor.tenantId,
      [
        {
          recordId: task.record_id,
          object: task.object,
          type: 'task.completed',
          data: { taskId: task.id, kind: task.kind, outcome: outcome ?? null },
        },
      ],
      now,
    );
    const activityKind = ACTIVITY_KINDS.find((k) => k === task.kind);
    if (activityKind)
      await logActivity(tx, {
        tenantId: actor.tenantId,
        record,
        kind: activityKind,
        outcome: outcome ?? null,
        summary: summary ?? task.title,
        occurredAt: now,
        durationMinutes: null,
        taskId: task.id,
        actorId: actor.userId,
        now,
      });
    return toApiTask(rows[0]!);
  });
}

/** `POST /api/v1/records/:object/:id/activities`: log a call, visit, email, meeting or note with an outcome. */
export async function logRecordActivity(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  id: string,
  body: unknown,
) {
  const access = await objectAccessOrThrow(ctx, actor, objectName, 'update');
  const input = envelopeOrThrow(body, ['kind', 'outcome', 'summary', 'at', 'durationMinutes', 'taskId']);
  const kind = choiceOrThrow(input.kind, '/kind', ACTIVITY_KINDS);
  if (kind === undefined)
    throw new LeadforgeError('MALFORMED', 'kind is required', [
      { path: '/kind', message: `must be one of: ${ACTIVITY_KINDS.join(', ')}` },
    ]);
  const outcome = codeOrThrow(input.outcome, '/outcome');
  const summary = textOrThrow(input.summary, '/summary', 4000);
  const at = datetimeOrThrow(input.at, '/at');
  const minutes = input.durationMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) >= 0 && (minutes as number) <= 1440))
    throw new LeadforgeError('MALFORMED', 'durationMinutes must be a whole number from 0 to 1440', [
      { path: '/durationMinutes', message: 'must be 0 to 1440' },
    ]);
  const taskId = uuidOrThrow(input.taskId, '/taskId');
  const recordId = recordIdOrThrow(id);
  const now = ctx.clock.now();
  if (at && at.getTime() > now.getTime() + 5 * 60_000)
    throw new LeadforgeError('INVALID', 'an activity cannot happen in the future', [
      { path: '/at', message: 'is in the future' },
    ]);
  return ctx.db.transaction(async (tx) => {
    const record = await lockRecordOrThrow(tx, actor.tenantId, objectName, recordId, access.scope);
    if (taskId) {
      const { rows } = await tx.query('SELECT 1 FROM tasks WHERE tenant_id = $1 AND id = $2 AND record_id = $3', [
        actor.tenantId,
        taskId,
        recordId,
      ]);
      if (rows.length === 0)
        throw new LeadforgeError('INVALID', 'the task is not a task of this record', [
          { path: '/taskId', message: 'no task of this record has this id' },
        ]);
    }
    return logActivity(tx, {
      tenantId: actor.tenantId,
      record,
      kind,
      outcome: outcome ?? null,
      summary: summary ?? null,
      occurredAt: at ?? now,
      durationMinutes: (minutes as number | undefined) ?? null,
      taskId: taskId ?? null,
      actorId: actor.userId,
      now,
    });
  });
}

/** `GET /api/v1/tasks?status=open|done|all&assignee=<id>&limit=`: the caller's tasks (admins: anyone's), soonest due first. */
export async function listTasks(ctx: RuntimeContext, actor: Actor, params: Record<string, unknown>) {
  onlyParamsOrThrow(params, ['status', 'assignee', 'limit']);
  const status = choiceOrThrow(params['status'], '/status', ['open', 'done', 'all'] as const) ?? 'open';
  const assignee = uuidOrThrow(params['assignee'], '/assignee') ?? actor.userId;
  const rawLimit = params['limit'];
  const limit = rawLimit === undefined ? 50 : /^\d{1,3}$/.test(String(rawLimit)) ? Number(rawLimit) : 0;
  if (limit < 1 || limit > 200)
    throw new LeadforgeError('MALFORMED', 'limit is a whole number from 1 to 200', [
      { path: '/limit', message: 'must be 1 to 200' },
    ]);
  if (assignee !== actor.userId) {
    const published = await ctx.apps.current(actor.tenantId);
    if (!isAdmin(published?.app ?? null, actor))
      throw new LeadforgeError('FORBIDDEN', "only admins list other users' tasks", [
        { path: '/assignee', message: 'must be you' },
      ]);
  }
  const { rows } = await ctx.db.query<TaskDbRow>(
    `SELECT ${TASK_COLUMNS} FROM tasks WHERE tenant_id = $1 AND assignee_id = $2 AND ($3 = 'all' OR status = $3)
     ORDER BY due_at ASC NULLS LAST, created_at, id LIMIT $4`,
    [actor.tenantId, assignee, status, limit],
  );
  return { tasks: rows.map(toApiTask) };
}
